// Issue 26's "unseen" set: 40 workbooks in the layouts county offices send (testkit's
// writeLayoutWorkbooks: ten layouts × exceljs, SheetJS .xlsx, .xls and .ods), each of which must
// import to exactly the materials it was generated from — 40/40, nothing refused, nothing changed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LayoutWorkbook, writeLayoutWorkbooks } from '@jianzheng/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorkbook } from './import-workbook';
import { layoutMaterials } from './testing/layout-materials';

let dir: string;
let workbooks: LayoutWorkbook[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jz-unseen-'));
  workbooks = await writeLayoutWorkbooks({ dir });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the unseen layout set (issue 26)', () => {
  it('imports 40 of 40 workbooks to the materials they were written from', async () => {
    expect(workbooks).toHaveLength(40);
    const wrong: string[] = [];
    for (const workbook of workbooks) {
      const result = await importWorkbook(workbook.path);
      const got = layoutMaterials(result);
      if (!result.ok || JSON.stringify(got) !== JSON.stringify(workbook.materials)) {
        wrong.push(`${workbook.layout}.${workbook.producer}`);
        expect({ ok: result.ok, got, issues: result.issues.map((i) => i.message) }, workbook.path).toEqual({
          ok: true,
          got: workbook.materials,
          issues: expect.anything(),
        });
      }
    }
    expect(wrong).toEqual([]);
  });
});
