import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dondoc/audit';
import { CalendarModule } from '@dondoc/calendar';
import { DirectoryModule } from '@dondoc/organisation';
import { TemporalModule } from '@dondoc/temporal';
import { AcknowledgeLink } from './acknowledge-link.entity';
import { AcknowledgeLinksService } from './acknowledge-links.service';
import { AssignmentStartsModule } from './assignment-starts.module';
import { BriefingsModule } from './briefings/briefings.module';
import { DecisionsQueryService } from './decisions-query.service';
import { DueRecalculationModule } from './due-recalculation.module';
import { EvidenceChecksModule } from './evidence-checks.module';
import { TaskActionsService } from './task-actions.service';
import { TaskAssignmentService } from './task-assignment.service';
import { TaskQueriesService } from './task-queries.service';
import { TaskWorkflowsService } from './task-workflows.service';
import { TaskTemplate } from './task-template.entity';
import { Task, TaskEventRecord } from './task.entity';
import { TaskBlockerRecord } from './task-blocker.entity';
import { StatisticsModule } from './statistics/statistics.module';
import { TemplatesService } from './templates.service';

/** Task templates and tasks: assignment, lists, actions through the task workflow, and the acknowledgement links of emails. */
@Module({
  imports: [TypeOrmModule.forFeature([Task, TaskEventRecord, TaskTemplate, AcknowledgeLink, TaskBlockerRecord]), AuditModule, TemporalModule, EvidenceChecksModule, DirectoryModule, CalendarModule, DueRecalculationModule, AssignmentStartsModule, StatisticsModule, BriefingsModule],
  providers: [TemplatesService, TaskQueriesService, DecisionsQueryService, TaskAssignmentService, TaskActionsService, TaskWorkflowsService, AcknowledgeLinksService],
  exports: [TemplatesService, TaskQueriesService, DecisionsQueryService, TaskAssignmentService, TaskActionsService, TaskWorkflowsService, AcknowledgeLinksService, StatisticsModule, BriefingsModule],
})
export class TasksModule {}
