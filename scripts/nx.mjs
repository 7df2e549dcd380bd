// Runs Nx the same way from every script: no daemon (one-shot commands), never the cloud.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './preflight.mjs';

/** Runs `nx …args`; answers its exit status. */
export function nx(args, options = {}) {
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), ...args],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_TUI: 'false',
        ...options.env,
      },
    },
  );
  return result.status ?? 1;
}
