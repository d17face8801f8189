import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { TaskPlan } from '@dondoc/workflows/task/task.types';

/**
 * A template's rules in seconds: a TaskPlan without its identity. `defaultWorkingDays`, where the
 * default term is in working days (`10wd`; `defaultDuration` then holds its calendar-day length).
 * `scorecard`, how its tasks count in the quarterly scorecards (not the workflow's business).
 */
export type TemplateDefinition = Omit<TaskPlan, 'templateId' | 'templateKey' | 'templateVersion'> & { defaultDuration: number; defaultWorkingDays?: number; scorecard?: { includeInParents: boolean } };

/**
 * One version of a task template. Editing a template adds a version; a task keeps the version
 * it was assigned with (its plan is copied into the workflow).
 */
@Entity({ name: 'task_templates' })
@Unique('UQ_task_templates_key_version', ['key', 'version'])
export class TaskTemplate {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_task_templates' })
  id!: string;

  @Index('IDX_task_templates_key')
  @Column({ type: 'varchar', length: 60 })
  key!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'name_vi', type: 'varchar', length: 200 })
  nameVi!: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200, nullable: true })
  nameEn!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'jsonb' })
  definition!: TemplateDefinition;

  /** False once archived: no new task may use it; running tasks are unaffected. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
