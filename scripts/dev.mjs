// `npm run dev`: the API recompiled and restarted on change, and Vite with hot reload on
// http://localhost:5173 proxying the API. People open Vite's URL, so it is the public URL.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from './preflight.mjs';
import { nx } from './nx.mjs';

const status = nx([
  'run-many',
  '-t',
  'build',
  '-p',
  '@technopolice/shared',
  '@technopolice/api',
  '--output-style=static',
]);
if (status !== 0) process.exit(status);

const apiPort = process.env.PORT ?? '3000';
const env = {
  ...process.env,
  PORT: apiPort,
  API_PORT: apiPort,
  PUBLIC_URL: process.env.PUBLIC_URL ?? 'http://localhost:5173',
};
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const children = [
  [tsc, '-p', 'packages/shared/tsconfig.lib.json', '--watch', '--preserveWatchOutput'],
  [tsc, '-p', 'apps/api/tsconfig.build.json', '--watch', '--preserveWatchOutput'],
  ['--watch-path=apps/api/dist', '--watch-path=packages/shared/dist', 'apps/api/dist/main.js'],
  [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'apps/web'],
].map((args) => spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env }));

const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => code && code !== 0 && stop());
