import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from './io';
import { main } from './main';
import { stripControls } from './terminal';
import { tempDir } from './test-support';

const tmp = tempDir('terminal');
afterAll(() => tmp.remove());

const ESC = '\u001b';

describe('terminal output (finding 9)', () => {
  it('strips escape sequences, C0 and C1 controls on a terminal, keeping tab, newline and the CLI’s own colours', () => {
    const hostile = `营业执照${ESC}]0;pwned\u0007${ESC}[2J${ESC}[1A\r\u0008\u009b31m复印件`;
    expect(stripControls(hostile, true)).toBe('营业执照31m复印件');
    expect(stripControls(`${ESC}[31m红${ESC}[39m\tA\n`, true)).toBe(`${ESC}[31m红${ESC}[39m\tA\n`);
    expect(stripControls(`\r${ESC}[2K进度`, true)).toBe(`\r${ESC}[2K进度`);
    // To a file or pipe: sequences and C0 go; JSON (which escapes C0 itself) is unchanged.
    const json = JSON.stringify({ name: `A${ESC}[2JB` });
    expect(stripControls(json, false)).toBe(json);
    expect(stripControls(`A${ESC}[2JB\u0007`, false)).toBe('AB');
  });

  it('a hostile name in an error message never reaches the terminal raw', async () => {
    const file = join(tmp.path, `清单${ESC}]0;title\u0007${ESC}[2J.csv`);
    writeFileSync(file, '实施部门,事项名称,材料名称\n');
    const chunks: string[] = [];
    const sink = { write: (s: string) => chunks.push(s), isTTY: true, columns: 200 };
    const io: CliIo = {
      stdout: sink,
      stderr: sink,
      env: { NO_COLOR: '1' },
      cwd: tmp.path,
      now: () => new Date(),
    };
    await main(['node', 'jianzheng', 'evaluate', file], io);
    // On a loaded machine the run may outlast the progress bar's delay: its own line clearing
    // (CR, ESC[2K) is the CLI's, so it is taken out before looking for the name's sequences.
    const text = chunks.join('').replaceAll(`\r${ESC}[2K`, '').replaceAll(`${ESC}[2K`, '');
    expect(text).toContain('清单');
    expect(text).not.toContain(ESC);
    expect(text).not.toContain('\u0007');
  });
});
