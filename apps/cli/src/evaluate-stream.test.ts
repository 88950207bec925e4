import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '@jianzheng/core';
import { importWorkbooks } from '@jianzheng/excel';
import { afterAll, describe, expect, it } from 'vitest';
import { ChunkedWriter } from './evaluate-stream';
import { evaluateImported } from './evaluation';
import { DEMO_DIR, runCli, tempDir } from './test-support';

const tmp = tempDir('evaluate-stream');
afterAll(() => tmp.remove());
const demo = readdirSync(DEMO_DIR)
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((f) => join(DEMO_DIR, f));

describe('evaluate streams what it prints', () => {
  it('prints, item by item, the very document the whole batch in memory gives (a failing file left out)', async () => {
    const broken = join(tmp.path, '坏文件.xlsx');
    writeFileSync(broken, 'not a workbook');
    const files = [demo[0]!, broken, demo[1]!];
    const result = await runCli(['evaluate', ...files, '--format', 'json']);
    expect(result.code).toBe(1);
    const imported = await importWorkbooks(files.map((path) => ({ input: path, fileName: path })));
    const whole = evaluateImported(imported, createEngine()).document;
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(whole)));
    expect(Object.keys(JSON.parse(result.stdout))).toEqual(['summary', 'materials', 'issues']);
  });

  it('prints the same table rows as before, measured over every material', async () => {
    const result = await runCli(['evaluate', demo[0]!, '--format', 'markdown']);
    const lines = result.stdout.split('\n').filter((line) => line.startsWith('| '));
    const imported = await importWorkbooks([{ input: demo[0]!, fileName: demo[0]! }]);
    expect(lines).toHaveLength(2 + imported.materials.length); // header, rule, one line per material
    expect(result.stdout).toContain(`${imported.materials.length.toLocaleString('en-US')} 项材料`);
  });

  it('waits for a full stream to drain before writing on', async () => {
    const written: string[] = [];
    let drain: (() => void) | undefined;
    const stream = {
      write(chunk: string) {
        written.push(chunk);
        return false;
      },
      once(_event: string, listener: () => void) {
        drain = listener;
      },
    };
    const writer = new ChunkedWriter(stream);
    const first = writer.write('x'.repeat(70 * 1024));
    let done = false;
    void first.then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(written).toHaveLength(1);
    expect(done).toBe(false);
    drain!();
    await first;
    expect(done).toBe(true);
  });
});
