import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { scrubText } from '@dondoc/common';
import { ActivityAlert } from './activity-alert.entity';

export interface ActivityRef {
  workflowId: string;
  activityId: string;
  activityType: string;
  attempt: number;
}

/** Alerts for activities that keep failing: raised by the worker, read by `/api/health`. */
@Injectable()
export class ActivityAlertsService {
  constructor(@InjectRepository(ActivityAlert) private readonly alerts: Repository<ActivityAlert>) {}

  /** Records (or refreshes) the alert of an activity that has just failed its `attempt`-th time. */
  async raise(activity: ActivityRef, error: string): Promise<void> {
    const now = new Date();
    await this.alerts
      .createQueryBuilder()
      .insert()
      .values({ ...this.key(activity), activityType: activity.activityType, attempts: activity.attempt, lastError: scrubText(error).slice(0, 1000), firstFailedAt: now, lastFailedAt: now })
      .orUpdate(['attempts', 'last_error', 'last_failed_at'], ['workflow_id', 'activity_id'])
      .execute();
  }

  /** The activity finally succeeded (or failed for good): its alert is over. */
  async clear(activity: ActivityRef): Promise<void> {
    await this.alerts.delete(this.key(activity));
  }

  /** The open alerts, the longest-failing first. */
  list(limit = 20): Promise<[ActivityAlert[], number]> {
    return this.alerts.findAndCount({ order: { firstFailedAt: 'ASC' }, take: limit });
  }

  private key({ workflowId, activityId }: ActivityRef): Pick<ActivityAlert, 'workflowId' | 'activityId'> {
    return { workflowId: workflowId.slice(0, 200), activityId: activityId.slice(0, 200) };
  }
}
