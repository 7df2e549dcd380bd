import { resolve } from 'node:path';
import { DEFAULT_MAX_UPLOAD_BYTES } from '@technopolice/shared';
import { z } from 'zod';

/**
 * The configuration, read from the environment once at start (CONTRACT.md, "Running").
 * Every bad variable is reported together, in one line, and the process exits 1.
 */
export interface AppConfig {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  /** The external issuer; null: the built-in one at `$PUBLIC_URL/realms/technopolice`. */
  oidcIssuer: string | null;
  /** Where this server reaches the external issuer (discovery, JWKS) when not at its public URL. */
  oidcInternalUrl: string | null;
  redisUrl: string | null;
  s3: {
    endpoint: string;
    bucket: string;
    accessKeyId: string;
    secretAccessKey: string;
    region: string;
  } | null;
  maxUploadBytes: number;
  bootstrapAdmin: { username: string; password: string } | null;
  /** Where the built web app lives; null when it is not built (API-only runs). */
  webDistDir: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Seconds SIGTERM waits for in-flight requests before closing anyway. */
  shutdownGraceSeconds: number;
  /** Outgoing mail for notification digests; null: no email is ever sent. */
  smtp: { url: string; from: string } | null;
  /** How often the digest worker looks for digests due. */
  digestIntervalSeconds: number;
}

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(blankToUndefined, schema.optional());

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const envSchema = z.object({
  PORT: optional(port),
  HOST: optional(z.string().min(1)),
  PUBLIC_URL: optional(httpUrl),
  DATA_DIR: optional(z.string().min(1)),
  DATABASE_URL: optional(
    z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
  ),
  OIDC_ISSUER: optional(httpUrl),
  OIDC_INTERNAL_URL: optional(httpUrl),
  REDIS_URL: optional(z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' })),
  S3_ENDPOINT: optional(httpUrl),
  S3_BUCKET: optional(z.string().min(1)),
  S3_ACCESS_KEY_ID: optional(z.string().min(1)),
  S3_SECRET_ACCESS_KEY: optional(z.string().min(1)),
  S3_REGION: optional(z.string().min(1)),
  MAX_UPLOAD_BYTES: optional(
    z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .positive('must be positive'),
  ),
  BOOTSTRAP_ADMIN_USERNAME: optional(z.string().min(1)),
  BOOTSTRAP_ADMIN_PASSWORD: optional(z.string().min(1)),
  WEB_DIST_DIR: optional(z.string().min(1)),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  SHUTDOWN_GRACE_SECONDS: optional(z.coerce.number({ error: 'must be a number' }).min(0)),
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })),
  SMTP_FROM: optional(z.string().min(3)),
  DIGEST_INTERVAL_SECONDS: optional(z.coerce.number({ error: 'must be a number' }).min(0.1)),
});

/** Variables that only make sense together; checked even when others are malformed. */
function missingCompanions(env: NodeJS.ProcessEnv): string[] {
  const set = (key: string) => blankToUndefined(env[key]) !== undefined;
  const problems: string[] = [];
  const s3 = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'];
  const firstS3 = s3.find(set);
  if (firstS3) {
    for (const key of s3.filter((k) => !set(k)))
      problems.push(`${key} is required when ${firstS3} is set`);
  }
  const admin = ['BOOTSTRAP_ADMIN_USERNAME', 'BOOTSTRAP_ADMIN_PASSWORD'];
  if (admin.some(set)) {
    for (const key of admin.filter((k) => !set(k))) {
      problems.push(`${key} is required when the other BOOTSTRAP_ADMIN_ variable is set`);
    }
  }
  return problems;
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; message: string };

/** Reads the configuration from `env`; `defaults.webDistDir` is where a built web app sits. */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  defaults: { webDistDir?: string | null; cwd?: string } = {},
): ConfigResult {
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...(parsed.error?.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`) ?? []),
    ...missingCompanions(env),
  ];
  if (!parsed.success || problems.length > 0) {
    return { ok: false, message: `Invalid configuration: ${problems.join('; ')}.` };
  }
  const e = parsed.data;
  const cwd = defaults.cwd ?? process.cwd();
  const portNumber = e.PORT ?? 3000;
  const dataDir = resolve(cwd, e.DATA_DIR ?? './data');
  return {
    ok: true,
    config: {
      port: portNumber,
      host: e.HOST ?? '127.0.0.1',
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${portNumber}`).replace(/\/+$/, ''),
      dataDir,
      database: e.DATABASE_URL
        ? { kind: 'postgres', url: e.DATABASE_URL }
        : { kind: 'pglite', dataDir: resolve(dataDir, 'pg') },
      oidcIssuer: e.OIDC_ISSUER?.replace(/\/+$/, '') ?? null,
      oidcInternalUrl: e.OIDC_INTERNAL_URL?.replace(/\/+$/, '') ?? null,
      redisUrl: e.REDIS_URL ?? null,
      s3:
        e.S3_ENDPOINT && e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
          ? {
              endpoint: e.S3_ENDPOINT,
              bucket: e.S3_BUCKET,
              accessKeyId: e.S3_ACCESS_KEY_ID,
              secretAccessKey: e.S3_SECRET_ACCESS_KEY,
              region: e.S3_REGION ?? 'us-east-1',
            }
          : null,
      maxUploadBytes: e.MAX_UPLOAD_BYTES ?? DEFAULT_MAX_UPLOAD_BYTES,
      bootstrapAdmin:
        e.BOOTSTRAP_ADMIN_USERNAME && e.BOOTSTRAP_ADMIN_PASSWORD
          ? { username: e.BOOTSTRAP_ADMIN_USERNAME, password: e.BOOTSTRAP_ADMIN_PASSWORD }
          : null,
      webDistDir: e.WEB_DIST_DIR ? resolve(cwd, e.WEB_DIST_DIR) : (defaults.webDistDir ?? null),
      logLevel: e.LOG_LEVEL ?? 'info',
      shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS ?? 10,
      smtp: e.SMTP_URL
        ? {
            url: e.SMTP_URL,
            from:
              e.SMTP_FROM ??
              `Technopolice <technopolice@${new URL(e.PUBLIC_URL ?? 'http://localhost').hostname}>`,
          }
        : null,
      digestIntervalSeconds: e.DIGEST_INTERVAL_SECONDS ?? 300,
    },
  };
}

/** Injection token of the `AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');
