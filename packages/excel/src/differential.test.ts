// The differential test of issue 12: a corpus generated here — every layout of domain.md §8
// (testkit's synthetic workbooks) and a sheet of cell oddities — written by exceljs, then saved
// by SheetJS as xls, xlsb, ods and csv. Our reader must see, cell by cell, what exceljs and
// SheetJS see in the xlsx, and every format of a workbook must import to the same materials and ids.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { csvText, type SyntheticManifest, writeSyntheticWorkbooks } from '@jianzheng/testkit';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText } from './cell-text';
import { importWorkbook } from './import-workbook';
import { DEFAULT_LIMITS } from './limits';
import { openInput } from './open-input';
import { readWholeWorkbook } from './read-whole';
import { openWorkbook } from './read-worksheets';

type Grid = Map<string, Map<string, string>>; // sheet → "A1"-style key (row:column) → text

/** What our reader sees: every non-empty cell's text (cellText of its value), per sheet. */
async function ourCells(path: string): Promise<Grid> {
  const opened = await openInput(path, DEFAULT_LIMITS);
  if ('code' in opened) throw new Error(opened.zh);
  const grid: Grid = new Map();
  try {
    const sheets =
      opened.kind === 'xlsx'
        ? await openWorkbook(opened.zip, DEFAULT_LIMITS)
        : await readWholeWorkbook(opened.bytes, opened.format, DEFAULT_LIMITS.maxCellLength);
    for await (const sheet of sheets ?? []) {
      const cells = new Map<string, string>();
      for await (const rows of sheet.rows)
        for (const row of rows)
          row.eachValue((value, column) => {
            const text = cellText(value);
            if (text !== '') cells.set(`${row.number}:${column}`, text);
          });
      grid.set(sheet.name, cells);
    }
  } finally {
    await opened.close();
  }
  return grid;
}

async function exceljsCells(path: string): Promise<Grid> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const grid: Grid = new Map();
  for (const sheet of workbook.worksheets) {
    const cells = new Map<string, string>();
    sheet.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        // A merged range's other cells repeat the master's value in exceljs; the file holds it once.
        if (cell.isMerged && cell.master !== cell) return;
        const text = cellText(cell.value);
        if (text !== '') cells.set(`${r}:${c}`, text);
      }),
    );
    grid.set(sheet.name, cells);
  }
  return grid;
}

function sheetjsCells(bytes: Buffer): Grid {
  const workbook = XLSX.read(bytes, {
    type: 'buffer',
    dense: true,
    cellDates: true,
    UTC: true,
  } as XLSX.ParsingOptions);
  const grid: Grid = new Map();
  for (const name of workbook.SheetNames) {
    const cells = new Map<string, string>();
    const data = (workbook.Sheets[name]!['!data'] ?? []) as Array<
      Array<XLSX.CellObject | undefined> | undefined
    >;
    for (let r = 0; r < data.length; r++) {
      const row = data[r] ?? [];
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (cell === undefined || cell.v === undefined) continue;
        const text = cellText(cell.t === 'e' ? { error: cell.w } : cell.v);
        if (text !== '') cells.set(`${r + 1}:${c + 1}`, text);
      }
    }
    grid.set(name, cells);
  }
  return grid;
}

function plain(grid: Grid): Record<string, Record<string, string>> {
  return Object.fromEntries([...grid].map(([sheet, cells]) => [sheet, Object.fromEntries(cells)]));
}

let dir: string;
let manifest: SyntheticManifest;
let oddities: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jz-differential-'));
  manifest = await writeSyntheticWorkbooks({ dir, materials: 400, departments: 4, workbooks: 4 });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('市卫健委');
  sheet.addRow(['市卫生健康委员会申请材料清理情况表']);
  sheet.addRow(['序号', '事项名称', '材料名称', '设定依据', '是否必要', '备注']);
  sheet.addRow([
    1,
    '医师执业注册',
    { richText: [{ text: '医师', font: { bold: true } }, { text: '资格证书' }] },
    '《医师法》',
    true,
    12.5,
  ]);
  sheet.addRow([
    2,
    null,
    '体检证明\r\n（三个月内）',
    new Date(Date.UTC(2018, 8, 4)),
    false,
    '全角：ＡＢＣ１２３',
  ]);
  sheet.addRow([
    3,
    null,
    '居民户口簿_x000D_',
    { formula: 'B2&"证明"', result: '事项名称证明' },
    '是',
    { error: '#N/A' },
  ]);
  sheet.addRow([4, '护士执业注册', '  前后空格  ', '无', 'Y', 0.1 + 0.2]);
  sheet.getCell('D3').numFmt = 'yyyy"年"m"月"d"日"';
  oddities = join(dir, 'oddities.xlsx');
  await workbook.xlsx.writeFile(oddities);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('differential: our reader against exceljs and SheetJS', () => {
  it('sees every cell of every layout as exceljs and SheetJS do (xlsx written by exceljs)', async () => {
    for (const path of [oddities, ...manifest.workbooks.map((w) => w.path)]) {
      const ours = plain(await ourCells(path));
      expect(ours, path).toEqual(plain(await exceljsCells(path)));
      const theirs = plain(sheetjsCells(await readFile(path)));
      // SheetJS reads a literal `_x000D_` as the escape it is; exceljs's in-memory reader too.
      expect(ours, path).toEqual(theirs);
    }
  });

  it('imports every format of every workbook (xls, xlsb, ods, csv from SheetJS) to the same materials and ids', async () => {
    for (const workbook of [{ path: oddities, layout: 'oddities' }, ...manifest.workbooks]) {
      const reference = await importWorkbook(workbook.path, { fileName: 'w.xlsx' });
      expect(reference.ok, workbook.layout).toBe(true);
      const ids = reference.materials.map((m) => [m.id, m.name, m.item.name, m.legalBasis ?? null]);
      const book = XLSX.read(await readFile(workbook.path), {
        type: 'buffer',
        cellStyles: true,
        cellNF: true,
      });
      for (const bookType of ['xls', 'xlsb', 'ods', 'xlsx'] as const) {
        const path = join(dir, `${workbook.layout}.${bookType}`);
        await writeFile(path, XLSX.write(book, { type: 'buffer', bookType }) as Buffer);
        const result = await importWorkbook(path, { fileName: 'w.xlsx' });
        expect(
          result.materials.map((m) => [m.id, m.name, m.item.name, m.legalBasis ?? null]),
          `${workbook.layout} ${bookType}`,
        ).toEqual(ids);
      }
      if (book.SheetNames.length === 1) {
        const path = join(dir, `${workbook.layout}.csv`);
        // CSV as people save it: the shown text, quoted where it holds commas or line breaks.
        const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]!]!, {
          header: 1,
          raw: false,
          defval: '',
        });
        await writeFile(path, csvText(rows));
        const result = await importWorkbook(path, {
          fileName: 'w.xlsx',
          department: reference.departments[0],
        });
        expect(
          result.materials.map((m) => m.id),
          `${workbook.layout} csv`,
        ).toEqual(ids.map((x) => x[0]));
      }
    }
  });
});
