import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '@dondoc/config';
import { temporalConnectionOptions } from './connection-options';

export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');

/** Closes the client connection when the application stops. */
@Injectable()
class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/**
 * The Temporal client of the API. The connection is lazy, so the API starts (and reports
 * Temporal as down in /api/health) even while the Temporal server is unreachable.
 */
@Module({
  providers: [
    {
      provide: TEMPORAL_CONNECTION,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        Connection.lazy({ ...temporalConnectionOptions(config.temporal), connectTimeout: '5s' }),
    },
    {
      provide: Client,
      inject: [TEMPORAL_CONNECTION, AppConfig],
      useFactory: (connection: Connection, config: AppConfig) =>
        new Client({ connection, namespace: config.temporal.namespace }),
    },
    TemporalConnectionCloser,
  ],
  exports: [Client, TEMPORAL_CONNECTION],
})
export class TemporalModule {}
