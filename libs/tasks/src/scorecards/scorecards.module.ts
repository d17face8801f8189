import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dondoc/audit';
import { CalendarModule } from '@dondoc/calendar';
import { NotificationsModule } from '@dondoc/notifications';
import { PrintingModule } from '@dondoc/printing';
import { TemporalModule } from '@dondoc/temporal';
import { StatisticsModule } from '../statistics/statistics.module';
import { Scorecard, ScorecardFormulaVersion } from './scorecard.entity';
import { ScorecardsService } from './scorecards.service';

/** The quarterly scorecards: published by the worker on the quarterly schedule, read, evaluated and corrected through the API. */
@Module({
  imports: [TypeOrmModule.forFeature([Scorecard, ScorecardFormulaVersion]), AuditModule, CalendarModule, NotificationsModule, PrintingModule, StatisticsModule, TemporalModule],
  providers: [ScorecardsService],
  exports: [ScorecardsService],
})
export class ScorecardsModule {}
