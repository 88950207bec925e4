import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SyntheticManifest, writeSyntheticWorkbooks } from './synthetic-workbooks';

let dir: string;
let manifest: SyntheticManifest;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jz-synth-'));
  manifest = await writeSyntheticWorkbooks({ dir, materials: 3001, departments: 9, workbooks: 4, seed: 7 });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function materialCells(path: string): Promise<string[]> {
  const names: string[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', worksheets: 'emit' });
  for await (const sheet of reader) {
    let column: number | undefined;
    for await (const row of sheet) {
      const values = (row.values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
      if (column === undefined) {
        const found = values.findIndex((v) => v === '材料名称' || v === '申请材料名称');
        if (found > 0) column = found;
        continue;
      }
      const text = values[column];
      if (text && !text.startsWith('注：') && !['开具单位', '出具单位'].includes(text)) names.push(text);
    }
  }
  return names;
}

describe('writeSyntheticWorkbooks', () => {
  it('spreads exactly the requested materials over the departments and workbooks', () => {
    expect(manifest.materials).toBe(3001);
    expect(manifest.departments).toBe(9);
    expect(manifest.workbooks).toHaveLength(4);
    expect(new Set(manifest.workbooks.flatMap((w) => w.departments)).size).toBe(9);
    expect(new Set(manifest.workbooks.map((w) => w.layout))).toEqual(
      new Set(['plain', 'titled', 'two-row-header', 'multi-sheet']),
    );
  });

  it('writes as many material rows as the manifest says, in every layout', async () => {
    for (const workbook of manifest.workbooks) {
      const names = await materialCells(workbook.path);
      expect(names.length, workbook.fileName).toBe(workbook.materials);
      expect(names.every((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
    }
  });

  it('is deterministic for a seed and differs for another', async () => {
    const again = await writeSyntheticWorkbooks({
      dir: join(dir, 'again'),
      materials: 3001,
      departments: 9,
      workbooks: 4,
      seed: 7,
    });
    const other = await writeSyntheticWorkbooks({
      dir: join(dir, 'other'),
      materials: 3001,
      departments: 9,
      workbooks: 4,
      seed: 8,
    });
    const first = await materialCells(manifest.workbooks[0]!.path);
    expect(await materialCells(again.workbooks[0]!.path)).toEqual(first);
    expect(await materialCells(other.workbooks[0]!.path)).not.toEqual(first);
    expect(again.items).toBe(manifest.items);
  });
});
