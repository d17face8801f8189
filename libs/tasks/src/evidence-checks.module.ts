import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EvidenceCheck } from './evidence-check.entity';
import { EvidenceChecksService } from './evidence-checks.service';

/** The task aggregate's record of evidence checks (libs/evidence verifies; this stores and reads). */
@Module({
  imports: [TypeOrmModule.forFeature([EvidenceCheck])],
  providers: [EvidenceChecksService],
  exports: [EvidenceChecksService],
})
export class EvidenceChecksModule {}
