import { bytesAre } from './xml-bytes';

// How a worksheet cell's bytes are typed and addressed: the small pure pieces of the scanner.

/** A cell's `t` attribute, read as a number so that the scanner's switch stays cheap. */
export enum Type {
  Number = 0,
  Shared = 1,
  Str = 2,
  Inline = 3,
  Boolean = 4,
  Error = 5,
  Date = 6,
}

/**
 * A `t="d"` cell holds ISO 8601 text (`2018-09-04T00:00:00`, no zone meaning the sheet's own
 * time): read as the same UTC date a date-formatted number gives, so both print `2018-09-04`.
 */
export function isoDate(text: string): Date | string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z)?$/.exec(text.trim());
  if (match === null) return text;
  const date = new Date(`${match[1]}T${match[2] ?? '00:00:00'}Z`);
  return Number.isNaN(date.getTime()) ? text : date;
}

/** The column of a cell reference such as "AB12" (1-based), or 0 when there is none. */
export function columnOf(buf: Buffer, start: number, end: number): number {
  let column = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (b >= 0x41 && b <= 0x5a) column = column * 26 + (b - 0x40);
    else if (b >= 0x61 && b <= 0x7a) column = column * 26 + (b - 0x60);
    else break;
  }
  return column;
}

export function typeOf(buf: Buffer, start: number, end: number): Type {
  switch (end - start) {
    case 1:
      switch (buf[start]) {
        case 0x73:
          return Type.Shared;
        case 0x62:
          return Type.Boolean;
        case 0x65:
          return Type.Error;
        case 0x64:
          return Type.Date;
        default:
          return Type.Number;
      }
    case 3:
      return bytesAre(buf, start, end, 'str') ? Type.Str : Type.Number;
    case 9:
      return bytesAre(buf, start, end, 'inlineStr') ? Type.Inline : Type.Number;
    default:
      return Type.Number;
  }
}
