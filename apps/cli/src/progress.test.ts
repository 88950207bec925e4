import picocolors from 'picocolors';
import { describe, expect, it } from 'vitest';
import { createProgress } from './progress';

const colors = picocolors.createColors(false);
const sink = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { chunks, stream: { write: (s: string) => chunks.push(s), isTTY, columns: 200 } };
};

describe('import progress bar', () => {
  it('draws files, rows and rate on a terminal, redrawing only with the CLI’s own line clearing', () => {
    const { chunks, stream } = sink(true);
    const progress = createProgress({ stream, colors, files: 3, delayMs: 0 });
    progress.file(0);
    progress.rows(1200);
    progress.file(2);
    progress.rows(4363);
    progress.done();
    const text = chunks.join('');
    expect(text).toMatch(/导入 ▕█{24}▏ 3\/3 个文件 · 4,363 行 · [\d,]+ 行\/秒/);
    // Every escape the bar writes is the redraw terminal.ts lets through (\r ESC[2K), nothing else.
    expect(text.replaceAll('\r\u001b[2K', '')).not.toMatch(/[\u001b\r]/);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('stays silent on a pipe unless forced, and on a quick import until its delay', () => {
    const pipe = sink(false);
    const quiet = createProgress({ stream: pipe.stream, colors, files: 1, delayMs: 0 });
    quiet.rows(10);
    quiet.done();
    expect(pipe.chunks).toEqual([]);

    const quick = sink(true);
    const now = () => 0;
    const waiting = createProgress({ stream: quick.stream, colors, files: 1, delayMs: 1000, now });
    waiting.rows(10);
    waiting.done();
    expect(quick.chunks).toEqual([]);
  });

  it('writes one final line to a log when forced (no bar drawn twice)', () => {
    const log = sink(false);
    const forced = createProgress({ stream: log.stream, colors, files: 2, delayMs: 0, force: true });
    forced.done();
    expect(log.chunks.join('')).toMatch(
      /^导入 ▕█{24}▏ 2\/2 个文件 · 0 行 · 0 行\/秒 \(files, rows, rows\/s\)\n$/,
    );
  });
});
