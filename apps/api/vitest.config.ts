import pg from 'pg';
import swc from 'unplugin-swc';
import { defaultServerConditions } from 'vite';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * API tests. The end-to-end suite runs twice, once per database: against a fresh PostgreSQL
 * database (created for the run, dropped after) and against PGlite. When no PostgreSQL answers,
 * the run says so loudly and goes on with PGlite alone; in CI that is a failure.
 */
export const postgresAdminUrl =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: postgresAdminUrl,
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// Without `module`: packages such as the AWS SDK point it at builds only bundlers can load.
const conditions = [
  '@technopolice/source',
  ...defaultServerConditions.filter((condition) => condition !== 'module'),
];

export default defineConfig(async (): Promise<ViteUserConfig> => {
  const withPostgres = await postgresAnswers();
  if (!withPostgres) {
    const line = `PostgreSQL does not answer at ${postgresAdminUrl.replace(/\/\/[^@]*@/, '//')}: the API tests run on PGlite only.`;
    if (process.env.CI === 'true') throw new Error(`${line} In CI that is a failure.`);
    console.warn(`\n${'!'.repeat(100)}\n!! ${line}\n${'!'.repeat(100)}\n`);
  }
  return {
    plugins: [
      swc.vite({
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2023',
        },
        module: { type: 'es6' },
      }),
    ],
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: conditions } },
    test: {
      testTimeout: 30_000,
      hookTimeout: 60_000,
      reporters: ['default', 'json'],
      outputFile: { json: '../../test-results/api/vitest.json' },
      projects: [
        { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
        { extends: true, test: { name: 'process', include: ['test/**/*.process.test.ts'] } },
        {
          extends: true,
          test: { name: 'pglite', include: ['test/**/*.e2e.test.ts'], env: { TEST_DB: 'pglite' } },
        },
        ...(withPostgres
          ? [
              {
                extends: true as const,
                test: {
                  name: 'postgres',
                  include: ['test/**/*.e2e.test.ts'],
                  env: { TEST_DB: 'postgres', TEST_DATABASE_ADMIN_URL: postgresAdminUrl },
                  globalSetup: ['test/support/postgres-setup.ts'],
                },
              },
            ]
          : []),
      ],
    },
  };
});
