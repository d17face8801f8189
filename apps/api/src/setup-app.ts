import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { json, urlencoded, type NextFunction, type Request, type Response } from 'express';
import compression from 'compression';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter, bodyTypeMiddleware, createValidationPipe, inputGuardMiddleware, type AppRequest } from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { AppModule } from './app.module';

/** The body limit of a plan assignment (`POST /api/assignments`, up to 10,000 tasks). */
const PLAN_BODY_LIMIT = '16mb';
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Gives every request an id before anything else runs (the caller's X-Request-Id if sensible). */
function requestIdMiddleware(req: AppRequest, res: Response, next: NextFunction): void {
  const given = req.headers['x-request-id'];
  req.id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  next();
}

/** The OpenAPI description, served at /api/docs (UI) and /api/docs-json. */
export function buildOpenApiDocument(app: NestExpressApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('dondoc API')
    .setDescription(
      'Đôn đốc thực hiện nhiệm vụ — mỗi nhiệm vụ là một workflow Temporal bền vững: nhắc việc, ' +
        'báo cáo lên cấp trên khi chậm, và chỉ hoàn thành khi có minh chứng về kết quả thực. ' +
        '/ Task accountability: every task is a durable Temporal workflow that reminds, escalates ' +
        'and completes only on evidence of a working result.\n\n' +
        'Errors are JSON `{ statusCode, code, message, errors?, details?, requestId }`; `message` is in ' +
        'Vietnamese unless English is asked for: `?lang=en` on any route first, then the signed-in ' +
        'user’s language, then `Accept-Language`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Everything main.ts does to the application, shared with the end-to-end tests. */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(requestIdMiddleware);
  // The web app's policy: its own scripts only (no inline script), styles inline for antd's CSS-in-JS.
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: config.http.publicUrl.startsWith('https:') ? [] : null,
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.enableCors({
    origin: config.http.corsOrigins.length > 0 ? config.http.corsOrigins : false,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept-Language', 'X-Request-Id', 'Idempotency-Key', 'X-Dondoc-Client'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Location'],
    maxAge: 600,
  });
  // The web app's scripts and the API's JSON travel gzipped.
  app.use(compression());
  // Only the web app's refresh cookie is read (dondoc_refresh, on /api/auth); nothing is signed with it.
  app.use(cookieParser());
  app.use(bodyTypeMiddleware);
  // A plan assignment carries up to 10,000 tasks; every other route keeps BODY_LIMIT.
  app.use('/api/assignments', json({ limit: PLAN_BODY_LIMIT }));
  app.use(json({ limit: config.http.bodyLimit }));
  // Only the password-link form posts urlencoded data.
  app.use(urlencoded({ extended: false, limit: '16kb', parameterLimit: 10 }));
  // Before anything reads a body: depth, inherited keys, control characters, lone surrogates; NFC.
  app.use(inputGuardMiddleware);
  // Body-parser errors happen before Nest's router: render them like every other error.
  const filter = new AllExceptionsFilter();
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) =>
    filter.catch(error, new ExecutionContextHost([req, res, next])),
  );
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'dondoc API',
  });
}

/** Creates the configured API application (not yet listening). */
export async function createApiApp(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(), {
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app);
  return app;
}
