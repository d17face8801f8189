import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DiagnosticsModule } from '@dondoc/diagnostics';
import { MailModule } from '@dondoc/notifications';
import { TemporalModule } from '@dondoc/temporal';
import { ActivitiesHealthIndicator } from './activities.health';
import { HealthController } from './health.controller';
import { MailHealthIndicator } from './mail.health';
import { TemporalHealthIndicator } from './temporal.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), TemporalModule, MailModule, DiagnosticsModule],
  controllers: [HealthController],
  providers: [TemporalHealthIndicator, MailHealthIndicator, ActivitiesHealthIndicator],
})
export class HealthModule {}
