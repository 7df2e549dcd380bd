import 'reflect-metadata';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config/config.js';
import { DatabaseStartError } from './database/data-source.js';
import { createLogger } from './logging/logger.js';
import { defaultWebDistDir } from './web/web-app.js';

const apiDir = dirname(dirname(fileURLToPath(import.meta.url)));
const loaded = loadConfig(process.env, { webDistDir: defaultWebDistDir(apiDir) });
if (!loaded.ok) {
  console.error(loaded.message);
  process.exit(1);
}
const config = loaded.config;
const logger = createLogger(config);

try {
  // Imported once the configuration is known to be good: a bad one gets its one line alone.
  const { createApp } = await import('./app.factory.js');
  const app = await createApp(config, { logger });
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const database =
    config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL';
  logger.info({ port, database: config.database.kind }, 'listening');
  const { IssuerService } = await import('./identity/issuer.service.js');
  const signIn = config.oidcIssuer
    ? `Sign in through ${config.oidcIssuer}.`
    : await app.get(IssuerService).signInHint();
  console.log(
    `\n  Technopolice is running at ${config.publicUrl.replace(`:${config.port}`, `:${port}`)}\n  Database: ${database}\n  ${signIn}\n`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => {
      logger.warn('requests still in flight after the grace period; closing them');
      app.getHttpServer().closeAllConnections();
    }, config.shutdownGraceSeconds * 1000);
    force.unref();
    app.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  if (error instanceof DatabaseStartError) {
    console.error(error.message);
  } else {
    logger.fatal({ err: error }, 'start failed');
    console.error(`Technopolice could not start: ${(error as Error).message}`);
  }
  process.exit(1);
}
