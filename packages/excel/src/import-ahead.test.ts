import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLayoutWorkbooks, writeSyntheticWorkbooks } from '@jianzheng/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AheadSource, importWorkbooksAhead } from './import-ahead';
import { createImportWorker, type ImportTaskReply } from './import-threads';
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

  it('has a worker import the files it was handed one after another, the next queued on it', async () => {
    // importWorkbooksAhead hands a worker its next file while it imports one: the worker must
    // finish the first before it starts the next, or two imports interleave on one thread.
    const big = await writeSyntheticWorkbooks({
      dir: join(dir, 'big'),
      materials: 20_000,
      departments: 2,
      workbooks: 1,
      seed: 7,
    });
    const worker = createImportWorker();
    try {
      const events: string[] = [];
      await new Promise<void>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('message', (reply: ImportTaskReply) => {
          if (reply.type === 'failed') reject(new Error(reply.message));
          const last = events.at(-1);
          if (last !== `${reply.type} ${reply.index}`) events.push(`${reply.type} ${reply.index}`);
          if (reply.type === 'done' && events.filter((e) => e.startsWith('done')).length === 2) resolve();
        });
        worker.postMessage({ index: 0, input: big.workbooks[0]!.path, options: {} });
        worker.postMessage({ index: 1, input: paths[0]!, options: {} });
      });
      expect(events.filter((e) => e.startsWith('done'))).toEqual(['done 0', 'done 1']);
      // No progress of the second file before the first is done.
      expect(events.indexOf('done 0')).toBeLessThan(events.findIndex((e) => e.endsWith(' 1')));
    } finally {
      await worker.terminate();
    }
  });
});
