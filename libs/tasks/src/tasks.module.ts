import { Module } from '@nestjs/common';
import { AuditModule } from '@dondoc/audit';
import { TemporalModule } from '@dondoc/temporal';
import { TasksService } from './tasks.service';
import { TemplatesService } from './templates.service';

/** Task templates and tasks: assignment, lists, and actions through the task workflow. */
@Module({
  imports: [AuditModule, TemporalModule],
  providers: [TemplatesService, TasksService],
  exports: [TemplatesService, TasksService],
})
export class TasksModule {}
