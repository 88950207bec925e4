import { cellText } from './cell-text';
import { columnLetter } from './column-letter';
import type { FileContext } from './file-context';
import { makeIssue } from './issues';
import type { SheetRow } from './sheet-row';
import { isSignatureText } from './text';

// Rows inside the table that are not materials (domain.md §8, "Layouts, second round"): each is
// skipped with a notice naming the row, never silently and never read as a material.

const TOTAL = /^(?:小计|合计|总计)(?:$|[\s\u3000:：（(0-9０-９共])/;

export type SkippedRow =
  | { kind: 'total'; column: number; text: string }
  | { kind: 'signature'; column: number; text: string }
  | { kind: 'repeated-header' };

/** The first non-empty cell text of a row and its column. */
function firstText(row: SheetRow): { column: number; text: string } | undefined {
  let first: { column: number; text: string } | undefined;
  row.some((value, column) => {
    const text = cellText(value).trim();
    if (text.length > 0) first = { column, text };
    return first !== undefined;
  });
  return first;
}

/** A subtotal or total row: a cell beginning 小计, 合计 or 总计 (the first character is checked first). */
function totalCell(row: SheetRow): { column: number; text: string } | undefined {
  let found: { column: number; text: string } | undefined;
  row.some((value, column) => {
    if (typeof value !== 'string') return false;
    const text = value.trimStart();
    const first = text.charCodeAt(0);
    if (first !== 0x5c0f /* 小 */ && first !== 0x5408 /* 合 */ && first !== 0x603b /* 总 */) return false;
    if (TOTAL.test(text.trimEnd())) found = { column, text: text.trimEnd() };
    return found !== undefined;
  });
  return found;
}

/**
 * Whether every non-empty cell repeats the header (or sub-header) text of its column, at least
 * two of them: the header printed again on the next page, pasted into the same sheet. Stops at
 * the first cell that does not (for a data row, nearly always the first).
 */
function isRepeatedHeader(row: SheetRow, headers: ReadonlyArray<ReadonlyMap<number, string>>): boolean {
  let same = 0;
  const other = row.some((value, column) => {
    const text = cellText(value).replace(/\s+/g, '');
    if (text.length === 0) return false;
    if (!headers.some((h) => h.get(column)?.replace(/\s+/g, '') === text)) return true;
    same++;
    return false;
  });
  return !other && same >= 2;
}

/** What kind of non-material row this is, or undefined for a row to read. */
export function skippedRow(
  row: SheetRow,
  headers: ReadonlyArray<ReadonlyMap<number, string>>,
): SkippedRow | undefined {
  if (isRepeatedHeader(row, headers)) return { kind: 'repeated-header' };
  const total = totalCell(row);
  if (total !== undefined) return { kind: 'total', ...total };
  const first = firstText(row);
  if (first !== undefined && isSignatureText(first.text)) return { kind: 'signature', ...first };
  return undefined;
}

/** The notice for a skipped row. */
export function reportSkippedRow(ctx: FileContext, sheet: string, row: number, skipped: SkippedRow): void {
  const at = { file: ctx.file, sheet, row };
  if (skipped.kind === 'repeated-header') {
    ctx.issues.add(
      makeIssue(
        'info',
        'REPEATED_HEADER_SKIPPED',
        at,
        '这一行重复了表头（分页打印的表头粘贴进了同一工作表），不是申请材料，已跳过',
        'this row repeats the header (a printed page pasted in); not a material, skipped',
      ),
    );
    return;
  }
  const where = { ...at, column: columnLetter(skipped.column) };
  if (skipped.kind === 'total') {
    ctx.issues.add(
      makeIssue(
        'info',
        'TOTAL_ROW_SKIPPED',
        where,
        `这是小计或合计行（“${skipped.text}”），不是申请材料，已跳过`,
        `a subtotal or total row ("${skipped.text}"); not a material, skipped`,
      ),
    );
    return;
  }
  ctx.issues.add(
    makeIssue(
      'info',
      'SIGNATURE_LINE_SKIPPED',
      where,
      `这是签字或联系方式行（“${skipped.text}”），不是申请材料，已跳过`,
      `a signature or contact line ("${skipped.text}"); not a material, skipped`,
    ),
  );
}

/** Every filled cell of a (header) row, as written. */
export function textsOf(row: SheetRow): Map<number, string> {
  const texts = new Map<number, string>();
  row.eachValue((value, column) => {
    const text = cellText(value).trim();
    if (text.length > 0) texts.set(column, text);
  });
  return texts;
}
