import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { MAX_JSON_BODY_BYTES } from '@technopolice/shared';
import express, { type NextFunction, type Request, type Response } from 'express';
import { type Logger } from 'pino';
import { AppModule, type AppModuleExtras } from './app.module.js';
import { REALM_PATH, isBuiltInIssuer } from './auth/realm.js';
import { ErrorFilter, toErrorBody } from './common/error-filter.js';
import { type AppConfig } from './config/config.js';
import { TusUploads } from './documents/tus-uploads.js';
import { CollabServer } from './summaries/collab.server.js';
import { docsStylePolicy, securityHeaders } from './http/security-headers.js';
import { IssuerService } from './identity/issuer.service.js';
import { NestPinoLogger, createLogger, requestLogger } from './logging/logger.js';
import { RealtimeIoAdapter } from './realtime/io-adapter.js';
import { REDIS, type RedisClient } from './realtime/redis.js';
import { webApp } from './web/web-app.js';

export interface CreateAppOptions extends AppModuleExtras {
  logger?: Logger;
}

/**
 * Builds the whole application (API, docs, web app) on one Express instance, migrated and
 * ready to listen. `main.ts` and the end-to-end tests both start it this way.
 */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestExpressApplication> {
  const logger = options.logger ?? createLogger(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    logger: new NestPinoLogger(logger.child({ component: 'nest' })),
    bodyParser: false,
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, uniquelocal');
  app.use(requestLogger(logger));
  app.use(securityHeaders(config.publicUrl));
  app.use(docsStylePolicy);
  app.use('/api', express.json({ limit: MAX_JSON_BODY_BYTES }));
  // Spreadsheets for the case import; no other route reads text bodies.
  app.use('/api', express.text({ type: 'text/csv', limit: MAX_JSON_BODY_BYTES }));
  app.useGlobalFilters(new ErrorFilter(logger));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Technopolice API')
      .setDescription(
        'The public API of a Technopolice instance: see CONTRACT.md for the promises it keeps.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Technopolice API',
    swaggerOptions: { validatorUrl: null },
  });

  if (isBuiltInIssuer(config)) app.use(REALM_PATH, app.get(IssuerService).router());
  app.use(app.get(TusUploads).middleware());
  app.use(webApp(config.webDistDir));
  app.useWebSocketAdapter(new RealtimeIoAdapter(app, app.get<RedisClient | null>(REDIS)));
  app.get(CollabServer).attach(app.getHttpServer());
  await app.init();
  // Errors raised by Express middleware (the JSON parser) before Nest's router takes over.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const body = toErrorBody(error, req);
    if (body.statusCode >= 500) logger.error({ err: error }, 'request failed');
    res.status(body.statusCode).json(body);
  });
  return app;
}
