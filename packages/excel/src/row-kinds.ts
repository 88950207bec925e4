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

// Every data row is checked against the kinds below: the cells are walked by index (no
// callback per cell) and most rows are told apart by a character code, without a regex.

/** A signature line: the row's first non-empty cell text, when it is one, and its column. */
function signatureCell(row: SheetRow): { column: number; text: string } | undefined {
  for (let i = 0; i < row.size; i++) {
    const text = cellText(row.valueAt(i)).trim();
    if (text.length === 0) continue;
    return isSignatureText(text) ? { column: row.columnAt(i), text } : undefined;
  }
  return undefined;
}

/**
 * Whether a UTF-16 code unit may be whitespace to `\s` and `trim` (a superset: a code unit
 * wrongly taken for whitespace only sends a cell down the general path).
 */
function maybeSpace(code: number): boolean {
  if (code > 0x3000) return code === 0xfeff; // Chinese text: one comparison
  return (
    code <= 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    code === 0x180e ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

const isTotalFirst = (code: number) =>
  code === 0x5c0f /* 小 */ || code === 0x5408 /* 合 */ || code === 0x603b; /* 总 */

/** A subtotal or total row: a cell beginning 小计, 合计 or 总计 (the first character is checked first). */
function totalCell(row: SheetRow): { column: number; text: string } | undefined {
  for (let i = 0; i < row.size; i++) {
    const value = row.valueAt(i);
    if (typeof value !== 'string') continue;
    // A cell is trimmed only when it starts with whitespace.
    const first = value.charCodeAt(0);
    if (!isTotalFirst(first) && (!maybeSpace(first) || !isTotalFirst(value.trimStart().charCodeAt(0))))
      continue;
    const text = value.trim();
    if (TOTAL.test(text)) return { column: row.columnAt(i), text };
  }
  return undefined;
}

// Header texts with their whitespace removed, made once per list of header rows (a list only
// grows, and its maps are not changed after their rows are read) instead of once per data row.
let lastHeaders: ReadonlyArray<ReadonlyMap<number, string>> | undefined;
let lastSqueezed: Array<Map<number, string>> = [];

function squeezed(headers: ReadonlyArray<ReadonlyMap<number, string>>): Array<Map<number, string>> {
  if (headers !== lastHeaders || lastSqueezed.length !== headers.length) {
    lastSqueezed = headers.map((header) => {
      const texts = new Map<number, string>();
      for (const [column, text] of header) texts.set(column, text.replace(/\s+/g, ''));
      return texts;
    });
    lastHeaders = headers;
  }
  return lastSqueezed;
}

/** Whether a header's squeezed text in `column` starts with `code` (or, with `text`, is it). */
function headerHas(
  headers: Array<Map<number, string>>,
  column: number,
  code: number,
  text?: string,
): boolean {
  for (const header of headers) {
    const label = header.get(column);
    if (label !== undefined && (text === undefined ? label.charCodeAt(0) === code : label === text))
      return true;
  }
  return false;
}

/**
 * Whether every non-empty cell repeats the header (or sub-header) text of its column, at least
 * two of them: the header printed again on the next page, pasted into the same sheet. Stops at
 * the first cell that does not: for a data row nearly always the first, told by its first
 * character before any whitespace is removed.
 */
function isRepeatedHeader(row: SheetRow, headers: ReadonlyArray<ReadonlyMap<number, string>>): boolean {
  let same = 0;
  const squeezedHeaders = squeezed(headers);
  for (let i = 0; i < row.size; i++) {
    const column = row.columnAt(i);
    const raw = cellText(row.valueAt(i));
    const first = raw.charCodeAt(0);
    // Without whitespace the cell's text starts with this character: a header's must too.
    if (raw.length > 0 && !maybeSpace(first) && !headerHas(squeezedHeaders, column, first)) return false;
    const text = raw.replace(/\s+/g, '');
    if (text.length === 0) continue;
    if (!headerHas(squeezedHeaders, column, 0, text)) return false;
    same++;
  }
  return same >= 2;
}

/** What kind of non-material row this is, or undefined for a row to read. */
export function skippedRow(
  row: SheetRow,
  headers: ReadonlyArray<ReadonlyMap<number, string>>,
): SkippedRow | undefined {
  if (isRepeatedHeader(row, headers)) return { kind: 'repeated-header' };
  const total = totalCell(row);
  if (total !== undefined) return { kind: 'total', ...total };
  const signature = signatureCell(row);
  if (signature !== undefined) return { kind: 'signature', ...signature };
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
