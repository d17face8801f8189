import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dondoc/audit';
import { DirectoryModule } from '@dondoc/organisation';
import { TemporalModule } from '@dondoc/temporal';
import { EvidenceChecksModule } from './evidence-checks.module';
import { TaskAccessService } from './task-access.service';
import { TaskActionsService } from './task-actions.service';
import { TaskAssignmentService } from './task-assignment.service';
import { TaskQueriesService } from './task-queries.service';
import { TaskWorkflowsService } from './task-workflows.service';
import { TaskTemplate } from './task-template.entity';
import { Task, TaskEventRecord } from './task.entity';
import { TemplatesService } from './templates.service';

/** Task templates and tasks: assignment, lists, and actions through the task workflow. */
@Module({
  imports: [TypeOrmModule.forFeature([Task, TaskEventRecord, TaskTemplate]), AuditModule, TemporalModule, EvidenceChecksModule, DirectoryModule],
  providers: [TemplatesService, TaskAccessService, TaskQueriesService, TaskAssignmentService, TaskActionsService, TaskWorkflowsService],
  exports: [TemplatesService, TaskAccessService, TaskQueriesService, TaskAssignmentService, TaskActionsService, TaskWorkflowsService],
})
export class TasksModule {}
