import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ActivityAlertsService } from '@dondoc/diagnostics';

/**
 * Activities that keep failing (the worker's alerts). Reported, not judged: the API and the
 * database are up, so the status stays "up"; `alerts` counts what an operator must look at.
 */
@Injectable()
export class ActivitiesHealthIndicator {
  constructor(
    private readonly alerts: ActivityAlertsService,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      // The health route is public: counts and activity types only; administrators read the rest at /api/diagnostics/activity-alerts.
      const [failing, alerts] = await this.alerts.list();
      return indicator.up({ alerts, types: [...new Set(failing.map((a) => a.activityType))], since: failing[0]?.firstFailedAt.toISOString() ?? null });
    } catch (error) {
      // The database check reports the outage; this one only says it could not look.
      return indicator.up({ alerts: null, message: error instanceof Error ? error.message.split('\n')[0] : 'unreadable' });
    }
  }
}
