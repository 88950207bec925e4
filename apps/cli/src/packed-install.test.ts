import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR, REPO_ROOT } from './test-support';

const run = promisify(execFile);

// What a city does: packages packed as they would be published, installed with `npm install -g`
// into a prefix of its own, then used from a folder that has nothing to do with the repository.
const root = mkdtempSync(join(tmpdir(), 'jianzheng-packed-'));
const prefix = join(root, 'prefix');
const city = join(root, 'hefei');
const bin = join(prefix, 'bin', 'jianzheng');
// A global install is tens of thousands of files: under a loaded CI runner removing them took
// longer than the default hook timeout, so it runs asynchronously with its own allowance.
afterAll(() => rm(root, { recursive: true, force: true }), 300_000);

beforeAll(async () => {
  const { stdout } = await run(
    process.execPath,
    [join(REPO_ROOT, 'scripts/pack-packages.mjs'), join(root, 'packs')],
    {
      cwd: REPO_ROOT,
    },
  );
  const files = stdout.trim().split('\n');
  const tarballs = files.filter((f) => f.endsWith('.tgz'));
  expect(tarballs).toHaveLength(9);
  // The prebuild of the optional better-sqlite3, when this checkout has it compiled.
  const prebuild = files.find((f) => f.endsWith('.tar.gz'));
  await run(
    'npm',
    [
      'install',
      '-g',
      '--prefix',
      prefix,
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...tarballs,
    ],
    {
      cwd: root,
      // better-sqlite3 from the local prebuild (this checkout's compiled binary): no GitHub, no
      // compiler; without one npm leaves the optional driver out and the store runs on libsql.
      env: {
        ...process.env,
        npm_config_better_sqlite3_local_prebuilds: prebuild ? join(prebuild, '..') : join(root, 'packs'),
      },
    },
  );
  mkdirSync(join(city, 'departments'), { recursive: true });
  mkdirSync(join(city, 'rules'), { recursive: true });
}, 240_000);

function jianzheng(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(bin, args, { cwd: city, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

describe('the packed packages, installed with npm install -g in a folder outside the repository', () => {
  it('runs a city’s whole flow: version, template, config, evaluate, publish, serve', async () => {
    const version = await jianzheng(['--version']);
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(
      JSON.parse(readFileSync(join(REPO_ROOT, 'apps/cli/package.json'), 'utf8')).version,
    );

    const template = await jianzheng(['template', '-o', '模板.xlsx', '--department', '市公安局']);
    expect(template.code, template.stderr).toBe(0);

    copyFileSync(join(DEMO_DIR, '01-市公安局.xlsx'), join(city, 'departments', '01-市公安局.xlsx'));
    writeFileSync(
      join(city, 'rules', 'forms.mjs'),
      `export default { id: 'no-application-form', category: 'not-necessary',
        title: { zh: '申请表由系统生成', en: 'forms are generated' },
        compile: () => (m) => ({ matched: m.name.includes('申请表'), reason: '申请表由系统生成', facts: {} }) };\n`,
    );
    writeFileSync(
      join(city, 'city.json'),
      JSON.stringify({
        $schema: join(
          prefix,
          'lib/node_modules/@jianzheng/cli/node_modules/@jianzheng/core/schema/config.schema.json',
        ),
        jurisdiction: { code: '340100', name: '合肥市', level: 'city' },
        catalogs: {
          sharedData: {
            add: [{ name: '准予迁入证明', source: '市公安人口信息系统', replacesOriginal: true }],
          },
          commitment: { remove: ['居住证明'], add: [{ name: '居住情况说明' }] },
        },
        plugins: ['./rules/forms.mjs'],
      }),
    );
    const check = await jianzheng(['config', 'check', '--config', 'city.json']);
    expect(check.code, check.stderr).toBe(0);
    const shown = JSON.parse((await jianzheng(['config', 'show', '--config', 'city.json'])).stdout);
    expect(shown.catalogs.sharedData).toHaveLength(18);

    const evaluated = await jianzheng([
      'evaluate',
      'departments/01-市公安局.xlsx',
      '--config',
      'city.json',
      '--format',
      'json',
    ]);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    const { materials } = JSON.parse(evaluated.stdout) as {
      materials: {
        name: string;
        ruleId: string | null;
        replacement: string | null;
        trace: { ruleId: string; facts: Record<string, unknown> }[];
      }[];
    };
    expect(materials.some((m) => m.ruleId === 'no-application-form')).toBe(true);
    // The city's added catalog entry reaches the installed engine; where the department wrote
    // that the material cannot be shared, its own answer still wins (domain.md §4).
    const migrations = materials.filter((m) => m.name === '准予迁入证明');
    expect(migrations.some((m) => m.ruleId === 'shared-data')).toBe(true);
    for (const m of migrations.filter((m) => m.ruleId !== 'shared-data')) {
      expect(m.trace.find((t) => t.ruleId === 'shared-data')?.facts.shareable).toBe('no');
    }
    // The city took 居住证明 out of its 告知承诺 catalog: only rows whose department itself answered
    // 可告知承诺 = 是 are still cancelled by commitment (domain.md §11); the rest are not (the
    // bundled catalog would have matched them).
    const residence = materials.filter((m) => m.name === '居住证明');
    const commitmentOf = (m: (typeof materials)[number]) =>
      m.trace.find((t) => t.ruleId === 'written-commitment')?.facts;
    expect(residence.some((m) => commitmentOf(m)?.commitment !== 'yes')).toBe(true);
    for (const m of residence) {
      if (commitmentOf(m)?.commitment === 'yes') expect(m.ruleId).toBe('written-commitment');
      else {
        expect(m.ruleId).not.toBe('written-commitment');
        expect(commitmentOf(m)?.catalog).toBeUndefined();
      }
    }

    const published = await jianzheng([
      'publish',
      'departments/01-市公安局.xlsx',
      '--config',
      'city.json',
      '--batch',
      'hefei-2026-first',
      '--title',
      '第一批',
      '--out',
      'publications',
    ]);
    expect(published.code, published.stderr).toBe(0);
    const publication = JSON.parse(readFileSync(join(city, 'publications/hefei-2026-first/v1.json'), 'utf8'));
    expect(publication.jurisdiction.name).toBe('合肥市');

    // serve, then /health, then stop it the way an operator does (SIGTERM / Ctrl+C).
    const server = spawn(bin, ['serve', '--port', '0', '--config', 'city.json'], { cwd: city });
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        server.stderr.on('data', (chunk) => {
          text += chunk;
          const match = /http:\/\/[\d.]+:\d+/.exec(text);
          if (match) resolve(match[0]);
        });
        server.on('close', (code) => reject(new Error(`serve exited ${code}: ${text}`)));
      });
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });
    } finally {
      server.kill('SIGTERM');
    }
    // It closes its database and exits on its own: nothing is still writing into the city's
    // folder when the test removes it (an unawaited stop raced the removal: ENOTEMPTY).
    expect(await exited).toBe(0);
  }, 120_000);
});
