import { rm } from 'node:fs/promises';
// The worker runs the built file (dist/import-worker.js), so this test goes through the package's
// public entry, as a library user does; `npm test` builds first.
import { createWorkerImporter, ImportWorkerError, importWorkbook } from '@jianzheng/excel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixtures, writeFixtures } from './testing/fixtures';

let fixtures: Fixtures;
let path: string;

beforeAll(async () => {
  fixtures = await writeFixtures();
  path = fixtures.mergedItems;
});
afterAll(() => rm(fixtures.dir, { recursive: true, force: true }));

describe('createWorkerImporter', () => {
  it('imports on a worker thread exactly what importWorkbook gives here', async () => {
    const importer = createWorkerImporter();
    try {
      const progress: number[] = [];
      const there = await importer.importWorkbook(path, { onProgress: (rows) => progress.push(rows) });
      const here = await importWorkbook(path);
      expect(there).toEqual(here);
      expect(there.materials.length).toBeGreaterThan(0);
      // Structured clone keeps the graph: materials of one item share one item object.
      const [first, second] = there.materials;
      if (first && second && first.item.name === second.item.name) expect(first.item).toBe(second.item);
      expect(there.items).toContain(there.materials[0]!.item);
      expect(progress.at(-1)).toBeGreaterThan(0);
    } finally {
      await importer.close();
    }
  });

  it('serves several requests in order and reports bad input as issues, not rejections', async () => {
    const bad = fixtures.notAWorkbook;
    const importer = createWorkerImporter();
    try {
      const [good, broken] = await Promise.all([importer.importWorkbook(path), importer.importWorkbook(bad)]);
      expect(good.ok).toBe(true);
      expect(broken.ok).toBe(false);
      expect(broken.issues[0]?.code).toBe('NOT_A_WORKBOOK');
    } finally {
      await importer.close();
    }
  });

  it('rejects pending and later imports once the worker is gone', async () => {
    const importer = createWorkerImporter();
    const pending = importer.importWorkbook(path);
    await importer.close();
    await expect(pending).rejects.toBeInstanceOf(ImportWorkerError);
    await expect(importer.importWorkbook(path)).rejects.toThrow(/导入线程异常退出/);
  });
});
