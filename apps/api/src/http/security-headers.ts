import { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';

/**
 * Security headers for every answer. The CSP allows nothing but our own origin and no inline
 * script anywhere: no page may make a third-party request, and injected markup cannot run.
 */
export function securityHeaders(publicUrl: string) {
  const https = publicUrl.startsWith('https://');
  const strict = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // PDF.js decodes the JBIG2 and JPEG 2000 images of scanned documents in WebAssembly;
        // compiling it is all this allows (no eval of JavaScript, no other origin).
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // keycloak-js's silent check-sso runs in a frame of our own origin.
        frameAncestors: ["'self'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader(
      'Permissions-Policy',
      'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    );
    strict(req, res, next);
  };
}

/**
 * Swagger UI styles itself with inline style attributes; on its own pages only, allow those.
 * Scripts stay `'self'`.
 */
export function docsStylePolicy(req: Request, res: Response, next: NextFunction) {
  if (req.path === '/api/docs' || req.path.startsWith('/api/docs/')) {
    const csp = res.getHeader('Content-Security-Policy');
    if (typeof csp === 'string') {
      res.setHeader(
        'Content-Security-Policy',
        csp.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
      );
    }
  }
  next();
}
