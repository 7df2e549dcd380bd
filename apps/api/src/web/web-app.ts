import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';

/** Paths the web app never answers: the API, sockets, identity, public pages and feeds. */
const SERVER_PATHS = /^\/(api|socket\.io|realms|p|feed\.atom|resources)(\/|$)/;

/**
 * Serves the built web app on the same port as the API: hashed assets cached for a year, and
 * `index.html` (never cached) for every other page path so the client router takes over.
 */
export function webApp(distDir: string | null) {
  const router = express.Router();
  if (!distDir || !existsSync(join(distDir, 'index.html'))) return router;
  const indexHtml = join(distDir, 'index.html');
  router.use(
    '/assets',
    express.static(join(distDir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: true,
    }),
  );
  router.use(express.static(distDir, { index: false, maxAge: '1h' }));
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      SERVER_PATHS.test(req.path) ||
      req.path.startsWith('/assets/')
    ) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
  return router;
}

/** Where `npm run build` puts the web app, seen from the API's own folder. */
export function defaultWebDistDir(apiDir: string): string {
  return join(apiDir, '..', 'web', 'dist');
}
