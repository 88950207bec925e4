// Packs every publishable workspace with `npm pack` into one folder. The SQLite store's default
// driver, libsql, installs from the registry (a prebuilt binary per platform); its optional faster
// driver, better-sqlite3, compiles where its prebuilt download is unreachable, so when this
// checkout has it compiled a local prebuild of it is written beside the tarballs: an install from
// them then gets it with neither GitHub nor a C++ toolchain (without it, npm skips the optional
// driver and the store runs on libsql). Used by `npm run release` and by the packed-install test.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The workspaces a city installs, dependencies first. */
export const PUBLISHED = [
  'packages/core',
  'packages/excel',
  'packages/json',
  'packages/store-sqlite',
  'packages/compare',
  'packages/letters',
  'packages/store-postgres',
  'apps/api',
  'apps/cli',
];

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** `npm pack` of each published workspace into `dest`; returns the tarball paths in PUBLISHED order. */
export function packPackages(dest) {
  mkdirSync(dest, { recursive: true });
  const out = execFileSync(
    npm,
    ['pack', '--json', '--pack-destination', dest, ...PUBLISHED.flatMap((w) => ['--workspace', w])],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out).map((entry) => join(dest, entry.filename));
}

/** Where the compiled better-sqlite3 of this checkout lives, and its version; null when it was not installed. */
export function betterSqlite() {
  const require = createRequire(join(ROOT, 'packages/store-sqlite/package.json'));
  let dir;
  try {
    dir = dirname(require.resolve('better-sqlite3/package.json'));
  } catch {
    return null;
  }
  if (!existsSync(join(dir, 'build/Release/better_sqlite3.node'))) return null;
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return { dir, version };
}

/**
 * A prebuild-install tarball (`build/Release/better_sqlite3.node`) named as its download would
 * be; point `npm_config_better_sqlite3_local_prebuilds` at `dest` and install finds it there.
 * Returns its path, or null when this checkout has no compiled better-sqlite3 (nothing written).
 */
export function writeSqlitePrebuild(dest) {
  const found = betterSqlite();
  if (!found) return null;
  const { dir, version } = found;
  mkdirSync(dest, { recursive: true });
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync('tar', ['-czf', join(dest, name), '-C', dir, 'build/Release/better_sqlite3.node']);
  return join(dest, name);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dest = resolve(process.argv[2] ?? 'release/packages');
  for (const file of packPackages(dest)) console.log(file);
  const prebuild = writeSqlitePrebuild(dest);
  if (prebuild) console.log(prebuild);
}
