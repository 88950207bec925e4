import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from './io';
import { main } from './main';
import { tempDir } from './test-support';

const tmp = tempDir('local-time');
afterAll(() => tmp.remove());

/** The CLI in this process with its clock set, collecting what it prints. */
async function cli(args: string[], at: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    env: { NO_COLOR: '1' },
    cwd: tmp.path,
    now: () => new Date(at),
  };
  const code = await main(['node', 'jianzheng', ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('times in the CLI’s output are the city’s (domain.md §9 timeZone)', () => {
  it('shows a token made at 23:30 UTC as made the next morning in Asia/Shanghai', async () => {
    const db = join(tmp.path, 'tokens.sqlite');
    const created = await cli(
      ['token', 'create', '--role', 'reviewer', '--db', db],
      '2026-12-06T23:30:00.000Z',
    );
    expect(created.code).toBe(0);
    const list = await cli(['token', 'list', '--db', db], '2026-12-06T23:45:00.000Z');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('2026-12-07 07:30');
    expect(list.stdout).not.toContain('2026-12-06');
    // The stored instant stays UTC for machines.
    const json = await cli(['token', 'list', '--format', 'json', '--db', db], '2026-12-06T23:45:00.000Z');
    expect(JSON.parse(json.stdout)[0].createdAt).toBe('2026-12-06T23:30:00.000Z');
  });
});
