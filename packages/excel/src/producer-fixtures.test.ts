import { readdir } from 'node:fs/promises';
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
      'libreoffice-7.4-biff8.xls',
      'libreoffice-7.4.ods',
      'libreoffice-7.4.xlsx',
      'openpyxl-3.0.9.xlsx',
      'xlsxwriter-3.0.2.xlsx',
    ]);
    expect(reference.materials).toHaveLength(FORMAT_SHEET_MATERIALS);
  });

  it.each(files)('%s: the same materials and ids, no errors or warnings', async (file) => {
    const result = await importWorkbook(join(DIR, file), { fileName: 'ref.xlsx' });
    expect(result.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(summary(result)).toEqual(summary(reference));
  });
});
