import { Module } from '@nestjs/common';
import { AuditModule } from '@dondoc/audit';
import { TemporalModule } from '@dondoc/temporal';
import { TaskWorkflowsService } from './task-workflows.service';
import { TasksService } from './tasks.service';
import { TemplatesService } from './templates.service';

/** Task templates and tasks: assignment, lists, and actions through the task workflow. */
@Module({
  imports: [AuditModule, TemporalModule],
  providers: [TemplatesService, TasksService, TaskWorkflowsService],
  exports: [TemplatesService, TasksService, TaskWorkflowsService],
})
export class TasksModule {}
