import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dondoc/audit';
import { CalendarChangeRecord } from './calendar-change.entity';
import { CalendarDayRecord } from './calendar-day.entity';
import { CalendarOverrideRecord } from './calendar-override.entity';
import { CalendarStateRecord } from './calendar-state.entity';
import { CalendarService } from './calendar.service';

/** The national working-day calendar: rules, the government's dated overrides, and calendar_days for SQL. */
@Module({
  imports: [TypeOrmModule.forFeature([CalendarOverrideRecord, CalendarDayRecord, CalendarStateRecord, CalendarChangeRecord]), AuditModule],
  providers: [CalendarService],
  exports: [CalendarService],
})
export class CalendarModule {}
