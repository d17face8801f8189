import { Module } from '@nestjs/common';
import { CalendarModule } from '@dondoc/calendar';
import { DirectoryModule } from '@dondoc/organisation';
import { TemporalModule } from '@dondoc/temporal';
import { DueRecalculationService } from './due-recalculation.service';

/**
 * Due times moved by a change of the working-day calendar: the API starts a change's recalculation
 * workflow after commit; the worker runs its activities and sweeps changes nobody finished.
 */
@Module({
  imports: [TemporalModule, CalendarModule, DirectoryModule],
  providers: [DueRecalculationService],
  exports: [DueRecalculationService],
})
export class DueRecalculationModule {}
