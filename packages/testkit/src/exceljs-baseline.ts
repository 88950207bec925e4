import type { Publication } from '@jianzheng/core';
import ExcelJS from 'exceljs';

/**
 * The benchmarks' baseline for reading: exceljs's own streaming reader over every worksheet,
 * visiting every cell that has a value (what any importer built on it must at least do).
 * Returns the number of cells visited.
 */
export async function readCellsWithExceljs(path: string): Promise<number> {
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      row.eachCell(() => {
        cells++;
      });
    }
  }
  return cells;
}

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
              ? [serial, d.name, i.name, m.name, m.category?.zh ?? '', m.replacement ?? '', m.basis ?? '']
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
