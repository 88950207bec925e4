// Packs every publishable workspace with `npm pack` into one folder and writes, beside the
// tarballs, a local prebuild of better-sqlite3 made from the binary compiled in this checkout, so
// an install from these tarballs needs neither GitHub (prebuilt download) nor a C++ toolchain.
// Used by `npm run release` and by the packed-install test.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
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

/** Where the compiled better-sqlite3 of this checkout lives, and its version. */
export function betterSqlite() {
  const require = createRequire(join(ROOT, 'packages/store-sqlite/package.json'));
  const dir = dirname(require.resolve('better-sqlite3/package.json'));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return { dir, version };
}

/**
 * A prebuild-install tarball (`build/Release/better_sqlite3.node`) named as its download would
 * be; point `npm_config_better_sqlite3_local_prebuilds` at `dest` and install finds it there.
 */
export function writeSqlitePrebuild(dest) {
  const { dir, version } = betterSqlite();
  mkdirSync(dest, { recursive: true });
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync('tar', ['-czf', join(dest, name), '-C', dir, 'build/Release/better_sqlite3.node']);
  return join(dest, name);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dest = resolve(process.argv[2] ?? 'release/packages');
  for (const file of packPackages(dest)) console.log(file);
  console.log(writeSqlitePrebuild(dest));
}
