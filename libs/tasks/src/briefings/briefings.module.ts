import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dondoc/audit';
import { CalendarModule } from '@dondoc/calendar';
import { NotificationsModule } from '@dondoc/notifications';
import { DirectoryModule } from '@dondoc/organisation';
import { PrintingModule } from '@dondoc/printing';
import { TemporalModule } from '@dondoc/temporal';
import { StatisticsModule } from '../statistics/statistics.module';
import { BriefingPackService } from './briefing-pack.service';
import { BriefingsService } from './briefings.service';
import { WeeklyBriefing } from './weekly-briefing.entity';

/**
 * The weekly briefing: the API reads packs and asks for one; the worker's activities issue them,
 * and its mailer attaches each pack's XLSX (registered with the notifications' MailAttachments).
 */
@Module({
  imports: [TypeOrmModule.forFeature([WeeklyBriefing]), AuditModule, NotificationsModule, CalendarModule, DirectoryModule, PrintingModule, StatisticsModule, TemporalModule],
  providers: [BriefingPackService, BriefingsService],
  exports: [BriefingsService],
})
export class BriefingsModule {}
