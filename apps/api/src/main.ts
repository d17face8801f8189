import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { exitOnStartupError } from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { createApiApp } from './setup-app';

async function bootstrap(): Promise<void> {
  const app = await createApiApp();
  app.enableShutdownHooks();
  const config = app.get(AppConfig);
  await app.listen(config.http.port, config.http.host);
  new NestLogger('Bootstrap').log({ url: `http://${config.http.host}:${config.http.port}/api` }, 'dondoc API listening');
}

bootstrap().catch(exitOnStartupError);
