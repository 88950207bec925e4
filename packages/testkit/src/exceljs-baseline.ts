import type { Publication } from '@jianzheng/core';
import ExcelJS from 'exceljs';

/**
 * The benchmarks' baseline for the list attachment: exceljs's own streaming writer writing the
 * same cell values as the attachment (two sheets, one row per material, shared strings and styles
 * on) without titles, merges or borders — what the attachment costs before any formatting.
 * Returns the number of rows written.
 */
export async function writeCellsWithExceljs(publication: Publication, path: string): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: true,
  });
  let written = 0;
  for (const verdict of ['cancel', 'retain'] as const) {
    const sheet = workbook.addWorksheet(verdict);
    let serial = 0;
    for (const d of publication.departments) {
      for (const i of d.items) {
        serial++;
        for (const m of i.materials) {
          if (m.verdict !== verdict) continue;
          const values =
            verdict === 'cancel'
              ? [serial, d.name, i.name, m.name, m.category?.zh ?? '', m.replacement ?? '', m.reason]
              : [
                  serial,
                  d.name,
                  i.code ?? '',
                  i.name,
                  i.type ?? '',
                  m.name,
                  m.source ?? '',
                  m.issuer ?? '',
                  m.legalBasis ?? '',
                ];
          sheet.addRow(values).commit();
          written++;
        }
      }
    }
    sheet.commit();
  }
  await workbook.commit();
  return written;
}
