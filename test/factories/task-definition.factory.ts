import { randomUUID } from 'node:crypto';
import type { TaskDefinition, TaskPlan } from '@dondoc/workflows/task/task.types';

export type TaskDefinitionOverrides = Partial<Omit<TaskDefinition, 'plan'>> & {
  /** When the task is assigned (ms); now unless given. */
  now?: number;
  /** Due this long after `now`; a minute unless given. */
  dueInMs?: number;
  /** Fields of the plan that differ from the default one. */
  plan?: Partial<TaskPlan>;
};

/** A task definition for the workflow tests: a fresh id, assigned now by admin-1 to officer-1 of unit-1, no reminders, no ladder. */
export function taskDefinition({ now = Date.now(), dueInMs = 60_000, plan, ...overrides }: TaskDefinitionOverrides = {}): TaskDefinition {
  return {
    taskId: randomUUID(),
    code: 'NV-TEST',
    title: 'Thử',
    description: '',
    program: null,
    leadUnitId: 'unit-1',
    coordinatingUnitIds: [],
    focalOfficerId: 'officer-1',
    assignedBy: 'admin-1',
    assignedAt: new Date(now).toISOString(),
    dueAt: new Date(now + dueInMs).toISOString(),
    milestones: [],
    ...overrides,
    plan: {
      templateId: 't',
      templateKey: 'test',
      templateVersion: 1,
      reminderOffsets: [],
      ackReminderEvery: null,
      ackReminderMax: 0,
      ladder: [],
      decisionReminderEvery: 3_600,
      explanationDeadline: 3_600,
      requiredCriteria: ['OPERATING_PRODUCT'],
      minActiveUsers: null,
      kpiDirection: null,
      reviewer: { type: 'ASSIGNER' },
      ...plan,
    },
  };
}
