import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, runCli, STACK_LINE, tempDir } from './test-support';

const tmp = tempDir('server');
afterAll(() => tmp.remove());

/** `jianzheng serve` in its own process, once it printed its address. */
async function startServe(args: readonly string[]) {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stderr: '' };
  const url = await new Promise<string>((done, fail) => {
    child.stderr.on('data', (chunk: Buffer) => {
      output.stderr += chunk.toString('utf8');
      const match = /http:\/\/[\d.]+:\d+/.exec(output.stderr);
      if (match) done(match[0]);
    });
    child.on('exit', (code) => fail(new Error(`serve exited with ${code}: ${output.stderr}`)));
  });
  return { child, url, output };
}

describe('jianzheng serve and token create (delegating to @jianzheng/api)', () => {
  const db = join(tmp.path, 'jianzheng.sqlite');

  it('creates a token, printed once on stdout; an unknown role is a usage error', async () => {
    const created = await runCli(['token', 'create', '--role', 'admin', '--label', '测试', '--db', db]);
    expect(created.code).toBe(0);
    expect(created.stdout.trim()).toMatch(/^[A-Za-z0-9._~+/-]+=*$/);
    expect(created.stderr).toContain('已创建令牌');
    const unknown = await runCli(['token', 'create', '--role', 'boss', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未知的角色');
    expect(unknown.stderr).not.toMatch(STACK_LINE);
  });

  it('serves until interrupted, then closes cleanly', async () => {
    const { child, url, output } = await startServe(['--db', db, '--port', '0']);
    const response = await fetch(url);
    expect(response.status).toBeLessThan(500);
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output.stderr).toContain('服务已停止');
  });
});

describe('jianzheng serve limits (findings 1–4)', () => {
  const db = join(tmp.path, 'limits.sqlite');

  it('takes --max-upload-bytes (413 on a larger upload) and refuses a limit that is not a positive integer', async () => {
    const bad = await runCli(['serve', '--db', db, '--port', '0', '--max-import-rows', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-import-rows 应为正整数');
    expect(bad.stderr).not.toMatch(STACK_LINE);

    const token = (await runCli(['token', 'create', '--role', 'admin', '--db', db])).stdout.trim();
    const { child, url } = await startServe(['--db', db, '--port', '0', '--max-upload-bytes', '4096']);
    try {
      const body = new FormData();
      body.append('files', new File([new Uint8Array(8192)], 'big.xlsx'));
      const res = await fetch(`${url}/api/batches/any/imports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body,
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/[\u4e00-\u9fff]/);
    } finally {
      const exited = new Promise((done) => child.on('exit', done));
      child.kill('SIGINT');
      await exited;
    }
  });
});

describe('jianzheng token list and revoke (finding 5)', () => {
  const db = join(tmp.path, 'tokens.sqlite');

  it('lists tokens without their secret, revokes one (audited), and the list then hides it', async () => {
    const created = await runCli([
      'token',
      'create',
      '--role',
      'reviewer',
      '--label',
      '审核组',
      '--expires',
      '2099-01-31',
      '--db',
      db,
    ]);
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    const list = await runCli(['token', 'list', '--format', 'json', '--db', db]);
    expect(list.code).toBe(0);
    expect(list.stdout).not.toContain(secret);
    const [record] = JSON.parse(list.stdout);
    expect(record).toMatchObject({
      role: 'reviewer',
      label: '审核组',
      expiresAt: '2099-01-31T00:00:00.000Z',
      revokedAt: null,
    });
    const table = await runCli(['token', 'list', '--db', db]);
    expect(table.stdout).toContain(record.id);
    expect(table.stdout).toContain('有效');

    const revoked = await runCli(['token', 'revoke', record.id, '--db', db]);
    expect(revoked.code).toBe(0);
    expect(revoked.stderr).toContain('已停用令牌');
    expect(JSON.parse((await runCli(['token', 'list', '--format', 'json', '--db', db])).stdout)).toEqual([]);
    const all = await runCli(['token', 'list', '--all', '--db', db]);
    expect(all.stdout).toContain('已停用');
    const unknown = await runCli(['token', 'revoke', 'tok_nope', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).not.toMatch(STACK_LINE);
  });
});
