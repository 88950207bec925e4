import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLayoutWorkbooks } from '@jianzheng/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AheadSource, importWorkbooksAhead } from './import-ahead';
import { importWorkbook } from './import-workbook';

let dir: string;
let paths: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jz-ahead-'));
  paths = (await writeLayoutWorkbooks({ dir })).map((w) => w.path).slice(0, 5);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('importWorkbooksAhead', () => {
  it('yields, file by file and in order, exactly what importWorkbook gives (a bad file included)', async () => {
    const sources: AheadSource[] = [
      ...paths.map((input) => ({ input })),
      { input: new Uint8Array(Buffer.from('not a workbook')), options: { fileName: '坏文件.xlsx' } },
      { input: paths[0]!, options: { fileName: '副本.xlsx' } },
    ];
    for (const threads of [1, 2]) {
      const progress = new Set<number>();
      const ahead = [];
      for await (const result of importWorkbooksAhead(sources, {
        threads,
        onProgress: (index) => progress.add(index),
      }))
        ahead.push(result);
      const one = [];
      for (const { input, options } of sources)
        one.push(await importWorkbook(typeof input === 'string' ? input : Buffer.from(input), options));
      expect(JSON.stringify(ahead)).toBe(JSON.stringify(one));
      expect(ahead.map((r) => r.ok)).toEqual([...paths.map(() => true), false, true]);
      // Every material of an item shares the item's one object, also across the thread boundary.
      for (const result of ahead)
        for (const material of result.materials) expect(result.items).toContain(material.item);
      expect(progress.size).toBeGreaterThan(0);
    }
  });

  it('stops its workers when the caller leaves early, and imports no more than it may hold', async () => {
    const imported: number[] = [];
    const sources = paths.map((input) => ({ input }));
    for await (const result of importWorkbooksAhead(sources, {
      threads: 2,
      onProgress: (index) => imported.push(index),
    })) {
      expect(result.ok).toBe(true);
      // Give the workers time to run ahead: they start at most threads + 1 files past this one.
      await new Promise((resolve) => setTimeout(resolve, 300));
      break;
    }
    expect(Math.max(...imported)).toBeLessThanOrEqual(3);
    // Leaving the loop awaited the workers' end: nothing reports after it.
    const reported = imported.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(imported.length).toBe(reported);
  });
});
