import type { CellValue, SheetRow } from './sheet-row';

/** A merged range, 1-based and inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** How many merged ranges of one sheet are kept; past it, the rest are ignored with a warning. */
export const MAX_MERGES = 200_000;

function columnNumber(letters: string): number {
  let column = 0;
  for (let i = 0; i < letters.length; i++) column = column * 26 + (letters.charCodeAt(i) - 64);
  return column;
}

/** "B3:D5" → its range; undefined for anything else. */
export function parseRange(ref: string): MergeRange | undefined {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+):\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (match === null) return undefined;
  const a = { column: columnNumber(match[1]!.toUpperCase()), row: Number(match[2]) };
  const b = { column: columnNumber(match[3]!.toUpperCase()), row: Number(match[4]) };
  return {
    top: Math.min(a.row, b.row),
    bottom: Math.max(a.row, b.row),
    left: Math.min(a.column, b.column),
    right: Math.max(a.column, b.column),
  };
}

const MERGE_CELL = Buffer.from('<mergeCell ', 'latin1');
const REF = /\bref="([^"]+)"/;

/**
 * The merged ranges of a worksheet part. `<mergeCells>` follows `<sheetData>` in the part, so
 * the rows cannot know them while streaming: a streamed part is inflated once more before its
 * rows are read and only the merge elements are looked at (a native search per chunk).
 */
export async function scanMerges(part: AsyncIterable<Buffer>, limit = MAX_MERGES): Promise<MergeRange[]> {
  const ranges: MergeRange[] = [];
  let carry = Buffer.alloc(0);
  for await (const chunk of part) {
    const buf = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    carry = Buffer.from(buf.subarray(mergesIn(buf, ranges, limit)));
  }
  return ranges;
}

const SHEET_DATA_END = Buffer.from('</sheetData>', 'latin1');

/**
 * The merged ranges of a worksheet part held whole. The schema puts `<mergeCells>` after
 * `<sheetData>`, so only the bytes after the rows are searched (found from the end); a part
 * without `</sheetData>` is searched whole.
 */
export function scanMergesWhole(part: Buffer, limit = MAX_MERGES): MergeRange[] {
  const ranges: MergeRange[] = [];
  const rowsEnd = part.lastIndexOf(SHEET_DATA_END);
  mergesIn(rowsEnd < 0 ? part : part.subarray(rowsEnd), ranges, limit);
  return ranges;
}

/** Adds the merge elements of `buf` to `ranges`; returns where an unfinished one starts. */
function mergesIn(buf: Buffer, ranges: MergeRange[], limit: number): number {
  let pos = 0;
  for (;;) {
    const at = buf.indexOf(MERGE_CELL, pos);
    if (at < 0) return Math.max(pos, buf.length - MERGE_CELL.length);
    const end = buf.indexOf(0x3e /* > */, at);
    if (end < 0) return at;
    const ref = REF.exec(buf.toString('latin1', at, end))?.[1];
    const range = ref === undefined ? undefined : parseRange(ref);
    if (range !== undefined && ranges.length < limit) ranges.push(range);
    pos = end + 1;
  }
}

interface Active {
  column: number;
  bottom: number;
  value: CellValue;
}

/**
 * Applies merged cells to the rows as they stream (domain.md §8, "Layouts, second round"): the
 * value of a range's first cell is the value of every row the range spans, in its first column.
 * Rows carry what the file wrote; `apply` returns a row with the spanned cells filled in.
 */
export class MergeFill {
  /** Ranges over several rows, by first row. */
  private readonly ranges: MergeRange[];
  private next = 0;
  private active: Active[] = [];

  constructor(ranges: readonly MergeRange[]) {
    this.ranges = ranges.filter((range) => range.bottom > range.top).sort((a, b) => a.top - b.top);
  }

  /** `row` with the cells that merged ranges from rows above span filled in. */
  apply(row: SheetRow): SheetRow {
    const number = row.number;
    if (this.next >= this.ranges.length && this.active.length === 0) return row;
    if (this.active.length > 0) this.active = this.active.filter((a) => a.bottom >= number);
    const extra: Array<[number, CellValue]> = [];
    for (const a of this.active) if (row.value(a.column) === undefined) extra.push([a.column, a.value]);
    // A range whose first row never arrived (no <row> element) held no value: it fills nothing.
    while (this.next < this.ranges.length && this.ranges[this.next]!.top < number) this.next++;
    while (this.next < this.ranges.length && this.ranges[this.next]!.top === number) {
      const range = this.ranges[this.next++]!;
      const value = row.value(range.left);
      if (value !== undefined) this.active.push({ column: range.left, bottom: range.bottom, value });
    }
    return extra.length === 0 ? row : row.withValues(extra);
  }
}

/** Horizontal spans of a header row: first column → last column of each range starting on it. */
export function rowSpans(ranges: readonly MergeRange[], rowNumber: number): Map<number, number> {
  const spans = new Map<number, number>();
  for (const range of ranges) {
    if (range.top === rowNumber && range.right > range.left) spans.set(range.left, range.right);
  }
  return spans;
}
