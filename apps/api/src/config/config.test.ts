import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('chooses the embedded defaults when nothing is set', () => {
    const result = loadConfig({}, { cwd: '/srv/app' });
    expect(result).toMatchObject({
      ok: true,
      config: {
        port: 3000,
        host: '127.0.0.1',
        publicUrl: 'http://localhost:3000',
        dataDir: '/srv/app/data',
        database: { kind: 'pglite', dataDir: '/srv/app/data/pg' },
        oidcIssuer: null,
        redisUrl: null,
        s3: null,
        maxUploadBytes: 536_870_912,
        bootstrapAdmin: null,
      },
    });
  });

  it('selects PostgreSQL and the other scaled parts from their variables', () => {
    const result = loadConfig({
      PORT: '8080',
      PUBLIC_URL: 'https://technopolice.example.org/',
      DATABASE_URL: 'postgres://app@db:5432/technopolice',
      OIDC_ISSUER: 'https://id.example.org/realms/technopolice',
      REDIS_URL: 'redis://redis:6379',
      S3_ENDPOINT: 'http://minio:9000',
      S3_BUCKET: 'technopolice',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      MAX_UPLOAD_BYTES: '1048576',
    });
    expect(result).toMatchObject({
      ok: true,
      config: {
        port: 8080,
        publicUrl: 'https://technopolice.example.org',
        database: { kind: 'postgres', url: 'postgres://app@db:5432/technopolice' },
        oidcIssuer: 'https://id.example.org/realms/technopolice',
        redisUrl: 'redis://redis:6379',
        s3: { endpoint: 'http://minio:9000', bucket: 'technopolice', region: 'us-east-1' },
        maxUploadBytes: 1_048_576,
      },
    });
  });

  it('treats blank variables as unset', () => {
    const result = loadConfig({ DATABASE_URL: '', PORT: ' ' });
    expect(result).toMatchObject({
      ok: true,
      config: { port: 3000, database: { kind: 'pglite' } },
    });
  });

  it('lists every bad variable in one line', () => {
    const result = loadConfig({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://db/app',
      MAX_UPLOAD_BYTES: '-1',
      S3_ENDPOINT: 'http://minio:9000',
      BOOTSTRAP_ADMIN_USERNAME: 'admin',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).not.toContain('\n');
    expect(result.message).toMatch(/^Invalid configuration: /);
    for (const part of [
      'PORT must be a number',
      'DATABASE_URL must be a postgres:// URL',
      'MAX_UPLOAD_BYTES must be positive',
      'S3_BUCKET is required when S3_ENDPOINT is set',
      'BOOTSTRAP_ADMIN_PASSWORD is required when the other BOOTSTRAP_ADMIN_ variable is set',
    ]) {
      expect(result.message).toContain(part);
    }
  });
});
