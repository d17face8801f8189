import { Module } from '@nestjs/common';
import { DirectoryModule } from '@dondoc/organisation';
import { TaskAccessService } from '../task-access.service';
import { StatisticsService } from './statistics.service';

/** The official statistic set: counted live by the API, its snapshot counted by the worker. */
@Module({
  imports: [DirectoryModule],
  providers: [TaskAccessService, StatisticsService],
  exports: [TaskAccessService, StatisticsService],
})
export class StatisticsModule {}
