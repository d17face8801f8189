import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AppConfig } from '@dondoc/config';

/** The most running task workflows one check reads from Temporal. */
const MAX_CHECKED = 100_000;

export interface OrphanWorkflow {
  workflowId: string;
  runId: string;
  startTime: string;
}

/** Consistency between Temporal and the tasks table. */
@Injectable()
export class TaskWorkflowsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly config: AppConfig,
  ) {}

  /**
   * Running task workflows of this deployment's task queue that have no task row — a workflow
   * whose assignment failed half-way. There should be none: assignment terminates what it started
   * when its row cannot be written.
   */
  async orphans(): Promise<{ checked: number; items: OrphanWorkflow[] }> {
    const queue = this.config.temporal.taskQueue.replace(/[\\']/g, '');
    const running: OrphanWorkflow[] = [];
    const list = this.temporal.workflow.list({ query: `WorkflowType = 'taskLifecycleWorkflow' AND ExecutionStatus = 'Running' AND TaskQueue = '${queue}'` });
    for await (const workflow of list) {
      running.push({ workflowId: workflow.workflowId, runId: workflow.runId, startTime: workflow.startTime.toISOString() });
      if (running.length >= MAX_CHECKED) break;
    }
    const known = new Set<string>();
    for (let i = 0; i < running.length; i += 5_000) {
      const ids = running.slice(i, i + 5_000).map((w) => w.workflowId);
      const rows = await this.dataSource.query<{ workflow_id: string }[]>('SELECT workflow_id FROM tasks WHERE workflow_id = ANY($1)', [ids]);
      rows.forEach((r) => known.add(r.workflow_id));
    }
    return { checked: running.length, items: running.filter((w) => !known.has(w.workflowId)) };
  }
}
