import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { exitOnStartupError } from '@dondoc/common';
import { installTemporalRuntimeLogger } from './temporal-runtime';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerModule } from './worker.module';

/** Starts the worker; exits non-zero if it cannot start or if the Temporal Worker crashes. */
async function bootstrap(): Promise<void> {
  installTemporalRuntimeLogger();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  const worker = app.get(TemporalWorkerService);
  try {
    await worker.whenStopped();
  } catch (error) {
    new NestLogger('Worker').error({ err: error }, 'Temporal worker crashed');
    await app.close();
    process.exit(1);
  }
}

bootstrap().catch(exitOnStartupError);
