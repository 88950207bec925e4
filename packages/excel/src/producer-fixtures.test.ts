import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FORMAT_SHEET, FORMAT_SHEET_MATERIALS } from '@jianzheng/testkit';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type ImportResult, importWorkbook } from './import-workbook';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'producers');

function summary(result: ImportResult): unknown[] {
  return result.materials.map((m) => [
    m.id,
    m.item.department,
    m.item.code,
    m.item.name,
    m.name,
    m.issuer,
    m.legalBasis,
    m.necessary,
  ]);
}

describe('workbooks from other producers (committed fixtures) import like the exceljs reference', async () => {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('市民政局');
  for (const row of FORMAT_SHEET) sheet.addRow([...row]);
  const reference = await importWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), { fileName: 'ref.xlsx' });
  const files = (await readdir(DIR)).filter((f) => /\.(xlsx|xls|ods)$/.test(f)).sort();

  it('has the fixtures of every producer', () => {
    expect(files).toEqual([
      'gnumeric-1.12.55-biff5.xls',
      'libreoffice-7.4-biff8.xls',
      'libreoffice-7.4.ods',
      'libreoffice-7.4.xlsx',
      'openpyxl-3.0.9.xlsx',
      'xlsxwriter-3.0.2.xlsx',
    ]);
    expect(reference.materials).toHaveLength(FORMAT_SHEET_MATERIALS);
  });

  it.each(files)('%s: the same materials and ids, no errors, the same warnings', async (file) => {
    const result = await importWorkbook(join(DIR, file), { fileName: 'ref.xlsx' });
    const warnings = (r: ImportResult) => r.issues.filter((i) => i.severity !== 'info').map((i) => i.message);
    // The sheet's blank 设定依据 cells are listed once, the same rows in every format.
    expect(warnings(reference)).toEqual([expect.stringContaining('设定依据为空')]);
    expect(warnings(result)).toEqual(warnings(reference));
    expect(summary(result)).toEqual(summary(reference));
  });

  it('gnumeric-1.12.55-biff5.xls is Excel 95 (BIFF5, code page 936), not BIFF8', async () => {
    const XLSX = await import('@e965/xlsx');
    const bytes = await readFile(join(DIR, 'gnumeric-1.12.55-biff5.xls'));
    const container = XLSX.CFB.read(bytes, { type: 'buffer' });
    // BIFF5 keeps the workbook in a stream named Book (BIFF8: Workbook); its BOF says version 0x0500.
    expect(XLSX.CFB.find(container, 'Workbook')).toBeNull();
    const book = Buffer.from(XLSX.CFB.find(container, 'Book')!.content as Uint8Array);
    expect(book.readUInt16LE(0)).toBe(0x0809);
    expect(book.readUInt16LE(4)).toBe(0x0500);
    // The text is GBK (CODEPAGE 936), so it only reads right through the code-page tables.
    expect(bytes.includes(Buffer.from([0xca, 0xd0, 0xc3, 0xf1, 0xd5, 0xfe, 0xbe, 0xd6]))).toBe(true); // 市民政局
  });
});
