import { columnLetter } from './column-letter';
import type { FileContext } from './file-context';
import { FIELD_BY_NAME, type Field } from './headers';
import { makeIssue } from './issues';
import type { SheetCells } from './sheet-cells';
import type { SheetRow } from './sheet-row';

// The notices of a sheet that say what was not imported as written (domain.md §8, "No silent
// change or loss"): a sheet without a header, hidden rows, a row without its material.

/** A sheet that ended without a header: skipped, with an error if a row looked like one. */
export function reportNoHeader(
  ctx: FileContext,
  sheet: string,
  nearHeader: { row: number; names: string[] } | undefined,
): void {
  if (nearHeader) {
    // A 汇总 sheet before the departments' sheets: settled when the file ends (settleSheetsWithoutMaterials).
    ctx.withoutMaterialColumn.push({ sheet, row: nearHeader.row, names: nearHeader.names });
    ctx.sheets.push({ name: sheet, department: null, rows: 0, skipped: 'no material column' });
  } else {
    ctx.issues.add(
      makeIssue(
        'info',
        'SHEET_WITHOUT_HEADER',
        { file: ctx.file, sheet: sheet },
        '未找到表头（需要“材料名称”列和至少一个其他可识别的列），已跳过此工作表（如填表说明）',
        'no header found (a material-name column and at least one other known column); sheet skipped (instructions?)',
      ),
    );
    ctx.sheets.push({ name: sheet, department: null, rows: 0, skipped: 'no header' });
  }
}

/** Hidden rows are imported like the others (they are data), but never without a word. */
export function reportHiddenRows(ctx: FileContext, sheet: string, rows: readonly number[]): void {
  if (rows.length === 0) return;
  const shown = rows.slice(0, 50).join('、') + (rows.length > 50 ? ` 等 ${rows.length} 行` : '');
  const shownEn = rows.slice(0, 50).join(', ') + (rows.length > 50 ? ` (${rows.length} rows in all)` : '');
  ctx.issues.add(
    makeIssue(
      'warning',
      'HIDDEN_ROWS',
      { file: ctx.file, sheet: sheet },
      `第 ${shown} 行是隐藏行，已照常导入；如这些行不应提交，请删除后重新导入`,
      `rows ${shownEn} are hidden; they were imported like the others — delete them if they are not meant to be submitted`,
    ),
  );
}

/** Reports a row whose material cell is blank while another recognised cell (not 序号) is filled. */
export function reportBlankMaterial(
  ctx: FileContext,
  cells: SheetCells,
  headerLabels: ReadonlyMap<number, string>,
  row: SheetRow,
): void {
  const filled: string[] = [];
  for (const [field, column] of Object.entries(cells.col) as Array<[Field, number]>) {
    if (field === 'serial' || field === 'materialName') continue;
    const value = row.value(column);
    if (value === undefined) continue;
    if (typeof value === 'string' && value.trim().length === 0) continue;
    filled.push(headerLabels.get(column) ?? FIELD_BY_NAME.get(field)?.canonical ?? field);
  }
  if (filled.length === 0) return;
  const column = columnLetter(cells.col.materialName!);
  ctx.issues.add(
    makeIssue(
      'error',
      'MATERIAL_NAME_MISSING',
      { file: ctx.file, sheet: cells.sheet, row: row.number, column },
      `材料名称为空，但这一行填写了${filled.join('、')}；请补上材料名称或删除这一行`,
      `the material name is blank but the row has ${filled.join(', ')} filled; add the material name or delete the row`,
    ),
  );
}

/**
 * Sheets with recognised headers but no material column (a 汇总 table): skipped with a warning
 * when another sheet of the file imports, an error when none does (domain.md §8).
 */
export function settleSheetsWithoutMaterials(ctx: FileContext): void {
  const imported = ctx.sheets.some((sheet) => sheet.skipped === undefined);
  for (const { sheet, row, names } of ctx.withoutMaterialColumn) {
    if (imported) {
      ctx.issues.add(
        makeIssue(
          'warning',
          'SUMMARY_SHEET_SKIPPED',
          { file: ctx.file, sheet, row },
          `这个工作表有表头（${names.join('、')}）但没有“材料名称”列，像是汇总表，未导入；其他工作表已导入`,
          `this sheet has a header (${names.join(', ')}) but no material-name column (a summary table?); not imported, the other sheets were`,
        ),
      );
    } else {
      ctx.issues.add(
        makeIssue(
          'error',
          'NO_MATERIAL_COLUMN',
          { file: ctx.file, sheet, row },
          `这一行像是表头（${names.join('、')}），但没有“材料名称”列（可用列名：材料名称、申请材料、申请材料名称、证明名称、证明材料名称）`,
          `this row looks like a header (${names.join(', ')}) but has no material-name column (材料名称 or an alias)`,
        ),
      );
    }
  }
}

/** One warning per file listing the rows whose 设定依据 was blank and now reads as none. */
export function reportBlankLegalBasis(ctx: FileContext): void {
  const blank = ctx.blankLegalBasis;
  if (blank.count === 0) return;
  const zh: string[] = [];
  const en: string[] = [];
  for (const [sheet, { count, rows, missingColumn }] of blank.bySheet) {
    if (missingColumn) {
      zh.push(`工作表「${sheet}」没有“设定依据”列（${count} 项材料）`);
      en.push(`sheet "${sheet}" has no 设定依据 column (${count} materials)`);
      continue;
    }
    const more = count > rows.length ? ` 等 ${count} 行` : ' 行';
    zh.push(`工作表「${sheet}」第 ${rows.join('、')}${more}`);
    en.push(`sheet "${sheet}" rows ${rows.join(', ')}${count > rows.length ? ` (${count} in all)` : ''}`);
  }
  const sheets = [...blank.bySheet.keys()];
  ctx.issues.add(
    makeIssue(
      'warning',
      'BLANK_LEGAL_BASIS',
      { file: ctx.file, ...(sheets.length === 1 ? { sheet: sheets[0] } : {}) },
      `${blank.count} 项材料的设定依据为空，按“无设定依据”处理（可能因此被取消）：${zh.join('；')}。如有依据请补填；确无依据请填“无”`,
      `${blank.count} materials have a blank 设定依据, read as none (they may be cancelled for it): ${en.join('; ')}. Fill in the basis, or write 无 where there is none`,
    ),
  );
}
