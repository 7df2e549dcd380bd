// `npm test`: install what is missing, then typecheck, lint, build and every test (unit, API on
// PostgreSQL and PGlite, web, browser). Ends with one line counting the tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './preflight.mjs';
import { nx } from './nx.mjs';

const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });

const formatted = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--check', '.'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (formatted.status !== 0)
  console.error('Formatting differs from Prettier: run `npm run format`.');

const nxStatus = nx([
  'run-many',
  '-t',
  'typecheck',
  'lint',
  'build',
  'test',
  '--output-style=static',
  ...process.argv.slice(2),
]);

const status = formatted.status === 0 ? nxStatus : 1;
let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(results)) {
  for (const project of readdirSync(results)) {
    const report = join(results, project, 'vitest.json');
    if (!existsSync(report)) continue;
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    skipped += json.numPendingTests + json.numTodoTests;
    console.log(`${project}: ${json.numPassedTests} passed, ${json.numFailedTests} failed`);
  }
}
if (status !== 0 && failed === 0) failed = 1; // a failed typecheck, lint or build counts too
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
