import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Connection } from '@temporalio/client';
import { grpc } from '@temporalio/proto';
import { TEMPORAL_CONNECTION } from '@dondoc/temporal';
import { AppConfig } from '@dondoc/config';

/** Temporal is up when its frontend answers the gRPC health check within the timeout. */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
    private readonly health: HealthIndicatorService,
    private readonly config: AppConfig,
  ) {}

  async check(key: string, timeoutMs: number): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      const response = await this.connection.withDeadline(Date.now() + timeoutMs, () =>
        this.connection.healthService.check({}),
      );
      const serving = response.status === grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING;
      return serving
        ? indicator.up({ address: this.config.temporal.address, namespace: this.config.temporal.namespace })
        : indicator.down({ message: 'Temporal frontend is not serving' });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message.split('\n')[0] : 'unreachable' });
    }
  }
}
