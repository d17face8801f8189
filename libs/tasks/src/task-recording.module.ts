import { Module } from '@nestjs/common';
import { AuditModule } from '@dondoc/audit';
import { CalendarModule } from '@dondoc/calendar';
import { NotificationsModule } from '@dondoc/notifications';
import { DirectoryModule } from '@dondoc/organisation';
import { TaskRecordingService } from './task-recording.service';

/** Recording what task workflows did (the worker's side of tasks): rows, timelines, audit, notifications. */
@Module({
  imports: [AuditModule, CalendarModule, NotificationsModule, DirectoryModule],
  providers: [TaskRecordingService],
  exports: [TaskRecordingService],
})
export class TaskRecordingModule {}
