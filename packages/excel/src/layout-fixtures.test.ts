// The layouts of domain.md §8 "Layouts, second round", each written by several producers
// (fixtures/layouts: openpyxl, xlsxwriter, LibreOffice .xls and .ods; here also SheetJS), must
// import to the materials fixtures/layouts/expected.json lists, with the notices it lists. Our
// reader's cells and merged ranges are checked against SheetJS's, an independent reader.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText } from './cell-text';
import { importWorkbook } from './import-workbook';
import { DEFAULT_LIMITS } from './limits';
import { openInput } from './open-input';
import { readWholeWorkbook } from './read-whole';
import { openWorkbook } from './read-worksheets';
import { layoutMaterials } from './testing/layout-materials';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'layouts');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<
  string,
  { materials: unknown[][]; issues: string[] }
>;
const files = readdirSync(DIR)
  .filter((f) => /\.(xlsx|xls|ods)$/.test(f))
  .sort();

type Sheet = { cells: Record<string, string>; merges: string[] };

async function ourSheets(path: string): Promise<Record<string, Sheet>> {
  const opened = await openInput(path, DEFAULT_LIMITS);
  if ('code' in opened) throw new Error(opened.zh);
  const out: Record<string, Sheet> = {};
  try {
    const sheets =
      opened.kind === 'xlsx'
        ? await openWorkbook(opened.zip, DEFAULT_LIMITS)
        : await readWholeWorkbook(opened.bytes, opened.format, DEFAULT_LIMITS.maxCellLength);
    for await (const sheet of sheets ?? []) {
      const cells: Record<string, string> = {};
      for await (const rows of sheet.rows)
        for (const row of rows)
          row.eachValue((value, column) => {
            const text = cellText(value);
            if (text !== '') cells[`${row.number}:${column}`] = text;
          });
      const merges = sheet.merges.map((m) => `${m.top}:${m.left}-${m.bottom}:${m.right}`).sort();
      out[sheet.name] = { cells, merges };
    }
  } finally {
    await opened.close();
  }
  return out;
}

function sheetjsSheets(path: string): Record<string, Sheet> {
  const workbook = XLSX.read(readFileSync(path), { type: 'buffer', dense: true });
  const out: Record<string, Sheet> = {};
  for (const name of workbook.SheetNames) {
    const sheet = workbook.Sheets[name]!;
    const cells: Record<string, string> = {};
    const data = (sheet['!data'] ?? []) as Array<Array<XLSX.CellObject | undefined> | undefined>;
    data.forEach((row, r) => {
      row?.forEach((cell, c) => {
        if (cell === undefined || cell.v === undefined) return;
        const text = cellText(cell.v);
        if (text !== '') cells[`${r + 1}:${c + 1}`] = text;
      });
    });
    const merges = (sheet['!merges'] ?? [])
      .map((m) => `${m.s.r + 1}:${m.s.c + 1}-${m.e.r + 1}:${m.e.c + 1}`)
      .sort();
    out[name] = { cells, merges };
  }
  return out;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jz-layouts-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('layouts offices send (domain.md §8, second round), from several producers', () => {
  it('has every layout from openpyxl, xlsxwriter and LibreOffice (.xls, .ods)', () => {
    for (const layout of Object.keys(expected)) {
      expect(files.filter((f) => f.startsWith(`${layout}.`)).map((f) => f.slice(layout.length + 1))).toEqual([
        'libreoffice.ods',
        'libreoffice.xls',
        'openpyxl.xlsx',
        'xlsxwriter.xlsx',
      ]);
    }
  });

  it.each(files)('%s imports to the expected materials, with the expected notices', async (file) => {
    const layout = file.split('.')[0]!;
    const result = await importWorkbook(join(DIR, file));
    expect(result.ok, JSON.stringify(result.issues)).toBe(true);
    expect(layoutMaterials(result)).toEqual(expected[layout]!.materials);
    expect([...new Set(result.issues.map((i) => i.code))].sort()).toEqual(expected[layout]!.issues);
    for (const issue of result.issues) {
      // Every notice names the file and, unless it is about the whole file, the sheet and row.
      expect(issue.file).toBe(file);
      if (issue.code !== 'BLANK_LEGAL_BASIS') expect(issue.sheet, issue.code).toBeTruthy();
    }
  });

  it.each(files)('%s: our reader sees the cells and merged ranges SheetJS sees', async (file) => {
    expect(await ourSheets(join(DIR, file))).toEqual(sheetjsSheets(join(DIR, file)));
  });

  it.each(Object.keys(expected))(
    '%s written again by SheetJS (xlsx, xlsb) imports the same',
    async (layout) => {
      const book = XLSX.read(readFileSync(join(DIR, `${layout}.openpyxl.xlsx`)), { type: 'buffer' });
      for (const bookType of ['xlsx', 'xlsb'] as const) {
        const path = join(dir, `${layout}.sheetjs.${bookType}`);
        await writeFile(path, XLSX.write(book, { type: 'buffer', bookType }) as Buffer);
        const result = await importWorkbook(path);
        expect(layoutMaterials(result), `${layout} ${bookType}`).toEqual(expected[layout]!.materials);
      }
    },
  );

  it.each(['two-row-labels-merged-down', 'two-row-material-group', 'totals-repeats-signatures'])(
    '%s saved as CSV (no merged ranges) imports the same: labels above the header and groups by position',
    async (layout) => {
      const book = XLSX.read(readFileSync(join(DIR, `${layout}.openpyxl.xlsx`)), { type: 'buffer' });
      const path = join(dir, `${layout}.csv`);
      await writeFile(path, XLSX.utils.sheet_to_csv(book.Sheets[book.SheetNames[0]!]!));
      const department = expected[layout]!.materials[0]![0] as string;
      const result = await importWorkbook(path, { department });
      expect(layoutMaterials(result)).toEqual(expected[layout]!.materials);
    },
  );

  it('a CSV named by its path takes its base name as the sheet (and department) name', async () => {
    const path = join(dir, '市审计局.csv');
    await writeFile(path, '事项名称,材料名称,设定依据\n审计报告备案,审计报告,《审计法》\n');
    const result = await importWorkbook(path, { fileName: path });
    expect(result.sheets.map((s) => s.name)).toEqual(['市审计局']);
    expect(result.departments).toEqual(['市审计局']);
  });
});
