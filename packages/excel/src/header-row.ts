import { cellText } from './cell-text';
import { columnLetter } from './column-letter';
import type { FileContext } from './file-context';
import { type Field, matchHeader } from './headers';
import { makeIssue } from './issues';
import type { SheetCells } from './sheet-cells';
import type { SheetRow } from './worksheet-rows';

/** A recognised header cell: column, field, the text as written. */
export type HeaderCell = [column: number, field: Field, text: string];

const CANCELLED_HEADER = '取消的申请材料';

/** The non-blank texts of a row and which of them are recognised headers (domain.md §8). */
export function scanHeaderCells(row: SheetRow): {
  found: HeaderCell[];
  texts: string[];
  hasMaterial: boolean;
} {
  const found: HeaderCell[] = [];
  const texts: string[] = [];
  let hasMaterial = false;
  row.eachValue((value, column) => {
    const text = cellText(value).trim();
    if (text.length === 0) return;
    texts.push(text);
    const field = matchHeader(text);
    if (field === undefined) return;
    found.push([column, field, text]);
    if (field === 'materialName') hasMaterial = true;
  });
  return { found, texts, hasMaterial };
}

/** The header of the cancelled sheet of an exported list (its material column is 取消的申请材料). */
export function isCancelledListHeader(found: HeaderCell[], texts: string[], hasMaterial: boolean): boolean {
  return (
    !hasMaterial && found.length >= 2 && texts.some((text) => text.replace(/\s+/g, '') === CANCELLED_HEADER)
  );
}

/**
 * A second header row under a merged group cell (实施基本情况 over 索要单位/开具单位): every
 * filled cell is a known header and the material cell is not data. Returns the columns of both
 * rows together (the lower row wins a column), or undefined when the row is not a sub-header.
 */
export function subHeaderColumns(
  row: SheetRow,
  headerLabels: ReadonlyMap<number, string>,
): HeaderCell[] | undefined {
  const found: HeaderCell[] = [];
  let other = false;
  row.eachValue((value, column) => {
    const text = cellText(value).trim();
    if (text.length === 0) return;
    const field = matchHeader(text);
    if (field === undefined) other = true;
    else found.push([column, field, text]);
  });
  if (found.length === 0 || other) return undefined;
  const merged = new Map<number, HeaderCell>();
  for (const [column, text] of headerLabels) {
    const field = matchHeader(text);
    if (field !== undefined) merged.set(column, [column, field, text]);
  }
  for (const entry of found) merged.set(entry[0], entry);
  return [...merged.values()].sort((a, b) => a[0] - b[0]);
}

/** Sets each field's column (the leftmost wins); a second column of the same field is a warning. */
export function mapColumns(
  ctx: FileContext,
  cells: SheetCells,
  found: HeaderCell[],
  rowNumber: number,
): void {
  for (const [column, field, text] of found.sort((a, b) => a[0] - b[0])) {
    const existing = cells.col[field];
    if (existing === undefined) {
      cells.col[field] = column;
      continue;
    }
    ctx.issues.add(
      makeIssue(
        'warning',
        'DUPLICATE_HEADER',
        { file: ctx.file, sheet: cells.sheet, row: rowNumber, column: columnLetter(column) },
        `“${text}”与 ${columnLetter(existing)} 列表示同一项内容，只读取 ${columnLetter(existing)} 列`,
        `"${text}" names the same field (${field}) as column ${columnLetter(existing)}; only column ${columnLetter(existing)} is read`,
      ),
    );
  }
}
