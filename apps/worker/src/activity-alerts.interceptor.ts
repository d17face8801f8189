import { Logger } from '@nestjs/common';
import type { Context } from '@temporalio/activity';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, ActivityInterceptorsFactory, Next } from '@temporalio/worker';
import type { ActivityAlertsService, ActivityRef } from '@dondoc/diagnostics';

/**
 * Watches every activity: one that has failed `threshold` times (and will be retried) raises an
 * alert — an error log and a row that `/api/health` reports — so a workflow stuck retrying is seen;
 * its next end, success or final failure, clears it. Recording an alert never fails an activity.
 */
export function activityAlerts(alerts: ActivityAlertsService, threshold: number): ActivityInterceptorsFactory {
  const logger = new Logger('ActivityAlerts');
  const safely = (work: () => Promise<void>) => work().catch((error: unknown) => logger.warn({ err: (error as Error).message }, 'activity alert not recorded'));
  return (context: Context) => {
    const inbound: ActivityInboundCallsInterceptor = {
      async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
        const { info } = context;
        const ref: ActivityRef = { workflowId: info.workflowExecution?.workflowId ?? '(none)', activityId: info.activityId, activityType: info.activityType, attempt: info.attempt };
        try {
          const result = await next(input);
          if (info.attempt >= threshold) await safely(() => alerts.clear(ref));
          return result;
        } catch (error) {
          const final = (error as { nonRetryable?: boolean }).nonRetryable === true;
          if (final) {
            if (info.attempt >= threshold) await safely(() => alerts.clear(ref));
          } else if (info.attempt >= threshold) {
            logger.error({ ...ref, err: (error as Error).message }, 'an activity keeps failing');
            await safely(() => alerts.raise(ref, (error as Error).message ?? String(error)));
          }
          throw error;
        }
      },
    };
    return { inbound };
  };
}
