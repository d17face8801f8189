import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { exitOnStartupError } from '@dondoc/common';
import { createWorkerApp } from './setup-worker';
import { installTemporalRuntimeLogger } from './temporal-runtime';
import { TemporalWorkerService } from './temporal-worker.service';

/** Starts the worker; exits non-zero if it cannot start or if the Temporal Worker crashes. */
async function bootstrap(): Promise<void> {
  installTemporalRuntimeLogger();
  const app = await createWorkerApp();
  app.enableShutdownHooks();
  try {
    await app.get(TemporalWorkerService).whenStopped();
  } catch (error) {
    new Logger('Worker').error({ err: error }, 'Temporal worker crashed');
    await app.close();
    process.exit(1);
  }
}

bootstrap().catch(exitOnStartupError);
