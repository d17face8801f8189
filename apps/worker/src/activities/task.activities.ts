import { Injectable } from '@nestjs/common';
import { DirectoryService } from '@dondoc/organisation';
import { TaskRecordingService } from '@dondoc/tasks';
import type { TaskActivities } from '@dondoc/workflows/task/task.types';
import { heartbeating } from './heartbeat';

/** The task workflow's activities: who decides (the directory), and recording every event (idempotently). */
@Injectable()
export class TaskActivitiesService implements TaskActivities {
  constructor(
    private readonly directory: DirectoryService,
    private readonly recording: TaskRecordingService,
  ) {}

  resolveDeciders: TaskActivities['resolveDeciders'] = ({ task, leadUnitId, decider }) =>
    heartbeating(() => this.directory.decidersFor(decider, leadUnitId, task.assignedBy));

  recordTaskEvents: TaskActivities['recordTaskEvents'] = (input) => heartbeating(() => this.recording.record(input));
}
