import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_DIR, REPO_ROOT } from './test-support';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'jianzheng-release-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A network namespace of our own (only loopback) when we may make one: proves “no network”. */
function isolated(): boolean {
  try {
    execFileSync('unshare', ['-n', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('npm run release: the offline tarball for a 政务内网', () => {
  it('unpacks and runs evaluate and serve with no network', async () => {
    const { stdout } = await run(process.execPath, [join(REPO_ROOT, 'scripts/release.mjs')], {
      cwd: REPO_ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    const tarball = stdout.trim().split('\n').at(-1)!;
    expect(tarball).toMatch(/jianzheng-[\d.]+-linux-x64-node\d+\.tar\.gz$/);
    const opt = join(root, 'opt');
    mkdirSync(opt);
    execFileSync('tar', ['-xzf', tarball, '-C', opt]);
    rmSync(tarball);
    const city = join(root, 'city');
    mkdirSync(city);
    copyFileSync(join(DEMO_DIR, '11-市残疾人联合会.xlsx'), join(city, 'dept.xlsx'));

    const bin = join(opt, 'jianzheng/bin/jianzheng');
    // The registry-only SQLite driver ships its binary for the target platform.
    const libsql = join(opt, 'jianzheng/node_modules/@libsql/linux-x64-gnu');
    expect(readdirSync(libsql).some((name) => name.endsWith('.node'))).toBe(true);
    // Everything runs in a fresh network namespace (loopback only), with an empty npm cache and
    // HOME, so nothing can be fetched or found outside the unpacked folder.
    const script = `
      set -e
      ip link set lo up 2>/dev/null || true
      cd "${city}"
      "${bin}" --version
      "${bin}" evaluate dept.xlsx --format json > evaluated.json
      JIANZHENG_SQLITE_DRIVER=libsql "${bin}" serve --port 8791 --db "${city}/j.sqlite" 2> serve.log &
      pid=$!
      for i in $(seq 1 100); do
        node -e "fetch('http://127.0.0.1:8791/health').then(r=>r.json()).then(j=>{console.log(JSON.stringify(j));process.exit(0)},()=>process.exit(1))" && break
        sleep 0.2
      done
      kill $pid
      wait $pid || true
    `;
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: city,
      npm_config_cache: join(root, 'empty-cache'),
      NO_COLOR: '1',
    };
    const args = isolated() ? ['unshare', '-n', 'sh', '-c', script] : ['sh', '-c', script];
    const result = await run(args[0]!, args.slice(1), { env, cwd: city });
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lines.at(-1)).toBe('{"ok":true}');
    const evaluated = JSON.parse(readFileSync(join(city, 'evaluated.json'), 'utf8'));
    expect(evaluated.summary.materials).toBeGreaterThan(0);
    expect(readFileSync(join(city, 'serve.log'), 'utf8')).toContain('SQLite 驱动 libsql');
  }, 480_000); // packs and installs every package offline: minutes on a loaded 2-core machine
});
