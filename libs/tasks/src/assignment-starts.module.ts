import { Module } from '@nestjs/common';
import { TemporalModule } from '@dondoc/temporal';
import { AssignmentStartsService } from './assignment-starts.service';

/** Plan assignments: the API starts an assignment's workflow after commit; the worker runs its activities and sweeps assignments nobody started. */
@Module({
  imports: [TemporalModule],
  providers: [AssignmentStartsService],
  exports: [AssignmentStartsService],
})
export class AssignmentStartsModule {}
