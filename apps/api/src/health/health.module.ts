import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { MailModule } from '@dondoc/notifications';
import { TemporalModule } from '@dondoc/temporal';
import { HealthController } from './health.controller';
import { MailHealthIndicator } from './mail.health';
import { TemporalHealthIndicator } from './temporal.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), TemporalModule, MailModule],
  controllers: [HealthController],
  providers: [TemporalHealthIndicator, MailHealthIndicator],
})
export class HealthModule {}
