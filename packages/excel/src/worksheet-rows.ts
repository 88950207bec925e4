import { JianzhengError } from '@jianzheng/core';
import { CellTag } from './cell-tag';
import { isoDate, Type } from './cell-type';
import { columnLetter } from './column-letter';
import { CellTooLargeError, CellTooLongError, maxHeldBytes } from './limits';
import { type CellValue, SheetRow, type UncalculatedFormula } from './sheet-row';
import { FNV_OFFSET, FNV_PRIME, TextCache } from './text-cache';
import {
  AttributeCursor,
  bytesAre,
  closeTag,
  digits,
  endsName,
  GT,
  LT,
  nextLt,
  openTag,
  PendingBytes,
  runsText,
  SLASH,
  tagEnd,
  textAt,
} from './xml-bytes';

export type { CellErrorValue, CellValue, UncalculatedFormula } from './sheet-row';
export { isUncalculated, SheetRow } from './sheet-row';

/** What a worksheet's cells refer to elsewhere in the workbook. */
export interface WorksheetContext {
  sharedStrings: readonly string[];
  /** Whether a cell style (`s` attribute) formats numbers as dates. */
  isDateStyle(style: number): boolean;
  /** The workbook counts dates from 1904 (old Mac Excel) rather than 1900. */
  date1904: boolean;
  /** Longest text a cell may hold (ImportLimits.maxCellLength). */
  maxCellLength?: number;
}

/** A worksheet part that is not well-formed where rows are read. */
export class MalformedWorksheetError extends JianzhengError {
  constructor(detail: string, detailEn: string) {
    super('CORRUPT_WORKBOOK', `工作表 XML 格式错误：${detail}`, {
      messageEn: `malformed worksheet xml: ${detailEn}`,
    });
  }
}

enum Where {
  Before = 0,
  Rows = 1,
  After = 2,
}

const NO_ROWS: SheetRow[] = [];
// One cursor for the module: tags are read one at a time and never across an await.
const attributes = new AttributeCursor();
const DAY_MS = 24 * 3600 * 1000;

/**
 * Turns the inflated bytes of a worksheet part, chunk by chunk, into rows. It reads only
 * `<sheetData>`: rows, cells, values, inline strings, formula results, cached errors. A row is
 * parsed once it is complete, so memory is bounded by the longest row, not the sheet.
 *
 * Why not exceljs's worksheet reader: it builds a SAX event, a Cell and a style object per cell,
 * which made it most of the import's time, and it drops a formula's cached error (`t="e"`).
 */
export class WorksheetScanner {
  private where = Where.Before;
  private readonly pending: PendingBytes; // a row until it is complete, limited while it arrives
  private lastRow = 0;
  // The attributes of the cell being read, kept in one object so that none is made per cell.
  private readonly tag = new CellTag();
  private rowHidden = false;
  private readonly maxCellLength: number;
  private readonly texts = new TextCache();
  private readonly decode = (buf: Buffer, start: number, end: number) => this.texts.text(buf, start, end);

  constructor(private readonly context: WorksheetContext) {
    this.maxCellLength = context.maxCellLength ?? Number.POSITIVE_INFINITY;
    const overflow = (bytes: number) =>
      new CellTooLargeError(this.maxCellLength, bytes, { row: this.lastRow + 1 });
    this.pending = new PendingBytes(maxHeldBytes(this.maxCellLength), overflow);
  }

  /** Feeds the next chunk of the part; returns the rows it completed. */
  push(chunk: Buffer): SheetRow[] {
    if (this.where === Where.After) return NO_ROWS;
    const buf = this.pending.take(chunk);
    return buf === undefined ? NO_ROWS : this.parse(buf, 0, Number.POSITIVE_INFINITY);
  }

  /** Where `scan` stopped: the offset of the next row to read, or the part's length. */
  resume = 0;

  /**
   * Reads the rows of a part held whole that start in [from, to), each to its end (no row is
   * copied to join chunks); `resume` then says where to go on. Called first with from = 0.
   */
  scan(part: Buffer, from: number, to: number): SheetRow[] {
    this.resume = part.length;
    if (this.where === Where.After) return NO_ROWS;
    return this.parse(part, from, to);
  }

  /** Ends the part: a sheet cut off inside its rows is an error, not a shorter sheet. */
  end(): void {
    if (this.where === Where.Rows) {
      throw new MalformedWorksheetError(
        `在第 ${this.lastRow} 行之后意外结束（缺少 </sheetData>）`,
        `ends after row ${this.lastRow} without </sheetData>`,
      );
    }
  }

  private wait(buf: Buffer, from: number, needle: string): void {
    this.pending.hold(buf, from, needle);
  }

  private parse(buf: Buffer, from: number, stop: number): SheetRow[] {
    let pos = from;
    if (this.where === Where.Before) {
      const open = buf.indexOf('<sheetData', 0, 'latin1');
      if (open < 0) {
        this.wait(buf, Math.max(0, buf.length - 9), '<sheetData');
        return NO_ROWS;
      }
      const end = tagEnd(buf, open + 10, buf.length);
      if (end < 0) {
        this.wait(buf, open, '>');
        return NO_ROWS;
      }
      if (buf[end - 1] === SLASH) {
        this.where = Where.After;
        return NO_ROWS;
      }
      this.where = Where.Rows;
      pos = end + 1;
    }
    const rows: SheetRow[] = [];
    const length = buf.length;
    while (pos < length) {
      if (pos >= stop) {
        this.resume = pos;
        return rows;
      }
      const lt = nextLt(buf, pos, length);
      if (lt < 0) return rows;
      if (lt + 12 > length) {
        // Too few bytes to tell `<row …` from `</sheetData>`: wait for the next tag's end.
        this.wait(buf, lt, '>');
        return rows;
      }
      if (buf[lt + 1] === SLASH) {
        // The only closing tag between rows is </sheetData>.
        this.where = Where.After;
        return rows;
      }
      const end = tagEnd(buf, lt + 1, length);
      if (end < 0) {
        this.wait(buf, lt, '>');
        return rows;
      }
      if (buf[lt + 1] !== 0x72 || buf[lt + 2] !== 0x6f || buf[lt + 3] !== 0x77 || !endsName(buf[lt + 4])) {
        // Not a row (an extension element, a comment): skip the tag.
        pos = end + 1;
        continue;
      }
      const r = this.rowAttributes(buf, lt + 4, end);
      if (buf[end - 1] === SLASH) {
        rows.push(new SheetRow(this.numberRow(r), [], [], this.rowHidden));
        pos = end + 1;
        continue;
      }
      const columns: number[] = [];
      const values: CellValue[] = [];
      const hidden = this.rowHidden;
      const number = r > 0 ? r : this.lastRow + 1;
      const after = this.cells(buf, end + 1, length, columns, values, number);
      if (after < 0) {
        // The row goes on in the next chunk: parse it again, whole, once its end has arrived.
        this.wait(buf, lt, '</row>');
        return rows;
      }
      rows.push(new SheetRow(this.numberRow(r), columns, values, hidden));
      pos = after;
    }
    return rows;
  }

  /** A row without (or with a broken) r follows the previous one, as Excel reads it. */
  private numberRow(reference: number): number {
    this.lastRow = reference > 0 ? reference : this.lastRow + 1;
    return this.lastRow;
  }

  /**
   * Reads the cells of a row from `from` up to its `</row>`; returns the offset after `</row>`,
   * or -1 when the buffer ends first (the caller retries with more bytes).
   */
  private cells(
    buf: Buffer,
    from: number,
    length: number,
    columns: number[],
    values: CellValue[],
    row: number,
  ): number {
    let column = 0;
    let p = from;
    for (;;) {
      const lt = nextLt(buf, p, length);
      if (lt < 0 || lt + 6 > length) return -1;
      if (buf[lt + 1] === SLASH) {
        if (buf[lt + 2] === 0x72 && buf[lt + 3] === 0x6f && buf[lt + 4] === 0x77 && buf[lt + 5] === GT)
          return lt + 6;
        p = lt + 2;
        continue;
      }
      if (buf[lt + 1] !== 0x63 /* c */ || !endsName(buf[lt + 2])) {
        p = lt + 1;
        continue;
      }
      const tag = this.tag;
      const end = tag.read(buf, lt + 2, length);
      if (end < 0) return -1;
      column = tag.ref > 0 ? tag.ref : column + 1;
      if (buf[end - 1] === SLASH) {
        p = end + 1;
        continue;
      }
      // Nearly every cell is `<c …><v>…</v></c>`: read that at once; anything else (a formula,
      // an inline string, whitespace between tags) the general way, which finds </c> first.
      let close = -1;
      let value: CellValue | undefined;
      const v = end + 1;
      if (tag.type !== Type.Inline && buf[v] === LT && buf[v + 1] === 0x76 && buf[v + 2] === GT) {
        // A text cell's bytes are hashed for the TextCache in the same pass that finds their end.
        const str = tag.type === Type.Str;
        let text = -1;
        let hash = FNV_OFFSET;
        if (str) {
          for (let i = v + 3; i < length; i++) {
            const b = buf[i]!;
            if (b === LT) {
              text = i;
              break;
            }
            hash = Math.imul(hash ^ b, FNV_PRIME);
          }
        } else text = nextLt(buf, v + 3, length);
        if (
          text >= 0 &&
          text + 8 <= length &&
          buf[text + 1] === SLASH &&
          buf[text + 2] === 0x76 /* v */ &&
          buf[text + 3] === GT &&
          buf[text + 4] === LT &&
          buf[text + 5] === SLASH &&
          buf[text + 6] === 0x63 /* c */ &&
          buf[text + 7] === GT
        ) {
          close = text + 4;
          // An empty <v></v> is an empty cell (a formula's empty text result), as value() reads it.
          value =
            text === v + 3
              ? undefined
              : str
                ? this.texts.hashed(buf, v + 3, text, hash)
                : this.typed(buf, v + 3, text);
        }
      }
      if (close < 0) {
        close = closeTag(buf, end + 1, length, 0x63 /* c */);
        if (close < 0) return -1;
        value = this.value(buf, end + 1, close);
      }
      if (value !== undefined) {
        if (typeof value === 'string' && value.length > this.maxCellLength) {
          throw new CellTooLongError(this.maxCellLength, value.length, {
            row,
            column: columnLetter(column),
          });
        }
        columns.push(column);
        values.push(value);
      }
      p = close + 4;
    }
  }

  /** A formula (`<f>`) before `to` with no result: its value is unknown. No formula: an empty cell. */
  private uncalculated(buf: Buffer, from: number, to: number): UncalculatedFormula | undefined {
    const f = openTag(buf, from, to, 0x66 /* f */);
    if (f < 0) return undefined;
    const open = tagEnd(buf, f + 2, to);
    // <f t="shared" si="0"/>: the formula text lives in the cell that defined it.
    if (open < 0 || buf[open - 1] === SLASH) return { formula: '' };
    const close = nextLt(buf, open + 1, to);
    return { formula: textAt(buf, open + 1, close < 0 ? to : close) };
  }

  /** The r attribute of a row tag (or -1); `hidden` into rowHidden. */
  private rowAttributes(buf: Buffer, from: number, to: number): number {
    let r = -1;
    this.rowHidden = false;
    const at = attributes.reset(from, to);
    while (at.next(buf)) {
      if (at.named(buf, 0x72 /* r */)) r = digits(buf, at.valueStart, at.valueEnd);
      else if (bytesAre(buf, at.nameStart, at.nameEnd, 'hidden'))
        this.rowHidden = buf[at.valueStart] === 0x31 /* 1 */ || buf[at.valueStart] === 0x74; /* t */
    }
    return r;
  }

  private value(buf: Buffer, from: number, to: number): CellValue | undefined {
    if (this.tag.type === Type.Inline) return runsText(buf, from, to, this.decode);
    // The cached value; a formula (<f>) comes before it. No <v>: a formula never calculated.
    const v = openTag(buf, from, to, 0x76 /* v */);
    const open = v < 0 ? -1 : tagEnd(buf, v + 2, to);
    const start = open + 1;
    // Text holds no "<": the next one starts </v>.
    const end = open < 0 || buf[open - 1] === SLASH ? start : nextLt(buf, start, to);
    if (end <= start) {
      // A formula whose result is the empty string is saved as t="str" with an empty <v>.
      if (this.tag.type === Type.Str && v >= 0) return undefined;
      return this.uncalculated(buf, from, v < 0 ? to : v);
    }
    return this.typed(buf, start, end);
  }

  /** The non-empty text of a `<v>` between `start` and `end`, read by the cell's type. */
  private typed(buf: Buffer, start: number, end: number): CellValue | undefined {
    switch (this.tag.type) {
      case Type.Shared:
        return this.context.sharedStrings[digits(buf, start, end)];
      case Type.Str:
        return this.texts.text(buf, start, end);
      case Type.Date:
        return isoDate(textAt(buf, start, end));
      case Type.Error:
        return { error: textAt(buf, start, end) };
      case Type.Boolean:
        return digits(buf, start, end) > 0 || bytesAre(buf, start, end, 'true');
      default: {
        const whole = digits(buf, start, end);
        const n = whole >= 0 ? whole : Number.parseFloat(buf.toString('latin1', start, end));
        // A formula's date result (=TODAY()) is shown as a date too.
        if (this.tag.style > 0 && this.context.isDateStyle(this.tag.style)) {
          // Serial days since 1899-12-30 (or 1904-01-01), as exceljs converts them.
          const offset = this.context.date1904 ? 1462 : 0;
          return new Date(Math.round((n - 25569 + offset) * DAY_MS));
        }
        return n;
      }
    }
  }
}
