import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Path of a compiled entry (`fileName`) beside the module at `moduleUrl`, for code that runs
 * in a child process or a worker thread. Run from TypeScript source (under vitest) such code
 * still has to be JavaScript, so `/src/….ts` maps to the build in `/dist/`.
 */
export function compiledEntry(moduleUrl: string, fileName: string): string {
  const here = fileURLToPath(moduleUrl);
  let dir = dirname(here);
  if (here.endsWith('.ts')) {
    const marker = `${sep}src${sep}`;
    const at = here.lastIndexOf(marker);
    if (at >= 0) {
      dir = dirname(`${here.slice(0, at)}${sep}dist${sep}${here.slice(at + marker.length)}`);
    }
  }
  const entry = join(dir, fileName);
  if (!existsSync(entry)) {
    throw new Error(
      `${entry} does not exist: run the api build first (npx tsc -p tsconfig.build.json).`,
    );
  }
  return entry;
}
