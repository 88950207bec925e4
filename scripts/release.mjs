// `npm run release`: one tarball for linux-x64 that runs on a machine with Node 20 and no network
// (a 政务内网): the published packages and every dependency, with the SQLite driver's binary for
// linux-x64 (libsql's @libsql/linux-x64-gnu and -musl from the registry) and, when this checkout
// has it compiled, the optional faster better-sqlite3 built for this Node. Unpack it anywhere and
// run bin/jianzheng; see docs/install.md.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { packPackages, ROOT, writeSqlitePrebuild } from './pack-packages.mjs';

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error(
    `release builds the linux-x64 tarball and must run there (this is ${process.platform}-${process.arch})`,
  );
  process.exit(1);
}
const nodeMajor = process.versions.node.split('.')[0];
const { version } = JSON.parse(readFileSync(join(ROOT, 'apps/cli/package.json'), 'utf8'));
const name = `jianzheng-${version}-linux-x64-node${nodeMajor}`;
const out = join(ROOT, 'release');
const work = join(out, 'work');
const stage = join(work, 'jianzheng');
rmSync(work, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });

const tarballs = packPackages(join(work, 'packages'));
const prebuilds = join(work, 'prebuilds');
writeSqlitePrebuild(prebuilds);

// A private package whose dependencies are the packed tarballs; npm resolves the rest (from its
// cache when offline) and installs better-sqlite3 from the local prebuild, without a compiler (or,
// with no prebuild, fails to build it and leaves the optional driver out: libsql is the default).
writeFileSync(
  join(stage, 'package.json'),
  `${JSON.stringify(
    {
      name: 'jianzheng-offline',
      version,
      private: true,
      description: '减证便民 jianzheng, offline release: unpack and run bin/jianzheng',
      license: 'MIT',
      type: 'module',
      engines: { node: `>=${nodeMajor} <${Number(nodeMajor) + 1}` },
      dependencies: Object.fromEntries(
        tarballs.map((file) => {
          const pkg = JSON.parse(
            execFileSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' }),
          );
          return [pkg.name, `file:../packages/${basename(file)}`];
        }),
      ),
    },
    null,
    2,
  )}\n`,
);
execFileSync(
  'npm',
  ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
  {
    cwd: stage,
    stdio: 'inherit',
    env: { ...process.env, npm_config_better_sqlite3_local_prebuilds: prebuilds },
  },
);
// The file: paths point outside the folder that ships; the installed tree is what runs.
rmSync(join(stage, 'package-lock.json'), { force: true });

mkdirSync(join(stage, 'bin'), { recursive: true });
const shim = join(stage, 'bin', 'jianzheng');
writeFileSync(
  shim,
  `#!/bin/sh
# Follows a symlink (/usr/local/bin/jianzheng -> /opt/jianzheng/bin/jianzheng) to the real folder.
here=$(dirname "$(readlink -f "$0")")
exec node "$here/../node_modules/@jianzheng/cli/bin/jianzheng.js" "$@"
`,
);
chmodSync(shim, 0o755);
copyFileSync(join(ROOT, 'LICENSE'), join(stage, 'LICENSE'));
writeFileSync(
  join(stage, 'INSTALL.txt'),
  `jianzheng ${version} — offline release for linux-x64, Node ${nodeMajor}

  tar -xzf ${name}.tar.gz -C /opt            # unpacks /opt/jianzheng
  ln -s /opt/jianzheng/bin/jianzheng /usr/local/bin/jianzheng
  jianzheng --version

Needs only Node ${nodeMajor} (node on the PATH); no network, no compiler. See docs/install.md in the
repository for the configuration and the service.
`,
);

const tarball = join(out, `${name}.tar.gz`);
execFileSync('tar', ['-czf', tarball, '-C', work, 'jianzheng']);
rmSync(work, { recursive: true, force: true });
console.log(tarball);
