// `npm start`: install what is missing, build what is stale, then serve everything on one port.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from './preflight.mjs';
import { nx } from './nx.mjs';

console.log('Building what changed…');
const status = nx([
  'run-many',
  '-t',
  'build',
  '-p',
  '@technopolice/api',
  '@technopolice/web',
  '--output-style=static',
]);
if (status !== 0) process.exit(status);

const server = spawn(process.execPath, [join(root, 'apps', 'api', 'dist', 'main.js')], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
