// Byte-level helpers for reading SpreadsheetML parts straight from inflated UTF-8 bytes. Markup
// is ASCII and no byte of a multi-byte UTF-8 character is below 0x80, so searching the bytes for
// "<", ">" and tag names can never land inside a character.

export const LT = 0x3c; // <
export const GT = 0x3e; // >
export const SLASH = 0x2f; // /
const QUOT = 0x22; // "
const APOS = 0x27; // '

/** Whether the byte ends an element name: whitespace, ">" or "/". */
export function endsName(byte: number | undefined): boolean {
  return byte === 0x20 || byte === GT || byte === SLASH || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

// Searching is done in plain loops: the distances are a few bytes, where a native
// Buffer#indexOf call costs more in crossing into C++ than it saves (measured: it was a fifth of
// the import's time).

/** Index of the next `<` in [from, to), or -1. */
export function nextLt(buf: Buffer, from: number, to: number): number {
  for (let i = from; i < to; i++) if (buf[i] === LT) return i;
  return -1;
}

/** Index of the start tag `<x` of a one-letter element x in [from, to), or -1. */
export function openTag(buf: Buffer, from: number, to: number, name: number): number {
  for (let i = from; i < to - 2; i++) {
    if (buf[i] === LT && buf[i + 1] === name && endsName(buf[i + 2])) return i;
  }
  return -1;
}

/** Index of the end tag `</x>` of a one-letter element x in [from, to), or -1. */
export function closeTag(buf: Buffer, from: number, to: number, name: number): number {
  for (let i = from; i < to - 3; i++) {
    if (buf[i] === LT && buf[i + 1] === SLASH && buf[i + 2] === name && buf[i + 3] === GT) return i;
  }
  return -1;
}

/** Index of the `>` closing the tag that starts at `from`, honouring quoted attribute values. */
export function tagEnd(buf: Buffer, from: number, to: number): number {
  let quote = 0;
  for (let i = from; i < to; i++) {
    const b = buf[i]!;
    if (quote !== 0) {
      if (b === quote) quote = 0;
    } else if (b === QUOT || b === APOS) quote = b;
    else if (b === GT) return i;
  }
  return -1;
}

/**
 * Walks the attributes of one tag without making strings. After `next` returns true,
 * [nameStart, nameEnd) is the attribute's name and [valueStart, valueEnd) its unquoted value.
 */
export class AttributeCursor {
  nameStart = 0;
  nameEnd = 0;
  valueStart = 0;
  valueEnd = 0;
  private at = 0;
  private to = 0;

  /** Starts at `from` (just after the element name) and stops at `to` (the tag's `>`). */
  reset(from: number, to: number): this {
    this.at = from;
    this.to = to;
    return this;
  }

  next(buf: Buffer): boolean {
    const to = this.to;
    let i = this.at;
    while (i < to && (buf[i] === 0x20 || buf[i] === 0x0a || buf[i] === 0x0d || buf[i] === 0x09)) i++;
    const nameStart = i;
    while (i < to && buf[i] !== 0x3d && !endsName(buf[i])) i++;
    if (i === nameStart) return false;
    this.nameStart = nameStart;
    this.nameEnd = i;
    while (i < to && buf[i] !== 0x22 && buf[i] !== 0x27) i++;
    const quote = buf[i];
    this.valueStart = ++i;
    while (i < to && buf[i] !== quote) i++;
    this.valueEnd = i;
    this.at = i + 1;
    return true;
  }

  /** Whether the name is the one ASCII letter `letter` (r, s, t: the names a cell reader needs). */
  named(buf: Buffer, letter: number): boolean {
    return this.nameEnd - this.nameStart === 1 && buf[this.nameStart] === letter;
  }
}

/** Decimal digits as a number, or -1 when the bytes are not all digits. */
export function digits(buf: Buffer, start: number, end: number): number {
  if (start >= end || end - start > 15) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function replaceEntity(match: string, named?: string, decimal?: string, hex?: string): string {
  if (named !== undefined) return NAMED[named]!;
  const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex!, 16);
  return code <= 0x10ffff ? String.fromCodePoint(code) : match;
}

/**
 * The text between two offsets, UTF-8 decoded and unescaped. `toString` makes a fresh string,
 * never a slice of a larger one, so a kept material name does not keep its whole chunk alive.
 */
/** XML's five named entities and numeric character references, decoded. */
export function decodeEntities(text: string): string {
  return text.indexOf('&') < 0 ? text : text.replace(ENTITY, replaceEntity);
}

export function textAt(buf: Buffer, start: number, end: number): string {
  let text = buf.toString('utf8', start, end);
  // XML's end-of-line handling: a literal CR LF or CR is read as LF, as every XML parser (and
  // so exceljs and Excel) reads it; a CR written as &#13; or _x000D_ stays a CR.
  if (text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
  if (text.indexOf('&') >= 0) text = text.replace(ENTITY, replaceEntity);
  return text.indexOf('_x') < 0 ? text : decodeEscapes(text);
}

const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * OOXML's escapes for characters XML cannot carry: Excel and xlsxwriter write a carriage return
 * as `_x000D_`, and a literal `_x000D_` typed by a user as `_x005F_x000D_` (`_x005F_` is `_`).
 * Left encoded, `居民户口簿_x000D_` would be another material with another id.
 */
export function decodeEscapes(text: string): string {
  return text.replace(ESCAPE, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** Whether the bytes from `at` spell `name` (an ASCII element or attribute name). */
export function bytesAre(buf: Buffer, at: number, end: number, name: string): boolean {
  if (end - at !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (buf[at + i] !== name.charCodeAt(i)) return false;
  return true;
}

/**
 * The text of a rich or plain string (`<si>` of the shared strings, `<is>` of an inline string)
 * between `from` and `to`: every `<t>` run joined, phonetic guides (`<rPh>`) left out, as Excel
 * shows the cell.
 */
export function runsText(
  buf: Buffer,
  from: number,
  to: number,
  decode: (buf: Buffer, start: number, end: number) => string = textAt,
): string {
  let text = '';
  let i = from;
  while (i < to) {
    const open = nextLt(buf, i, to);
    if (open < 0) break;
    const next = buf[open + 1];
    if (next === 0x74 /* t */ && endsName(buf[open + 2])) {
      const end = tagEnd(buf, open + 2, to);
      if (end < 0) break;
      if (buf[end - 1] === SLASH) {
        i = end + 1;
        continue;
      }
      // Text holds no "<": the next one starts </t>.
      const close = nextLt(buf, end + 1, to);
      if (close < 0) break;
      text += decode(buf, end + 1, close);
      i = close + 4;
    } else if (next === 0x72 /* r */ && buf[open + 2] === 0x50 /* P */ && buf[open + 3] === 0x68 /* h */) {
      const end = tagEnd(buf, open + 4, to);
      if (end < 0) break;
      if (buf[end - 1] === SLASH) {
        i = end + 1;
        continue;
      }
      const close = buf.indexOf('</rPh>', end, 'latin1');
      i = close < 0 || close > to ? to : close + 6;
    } else i = open + 1;
  }
  return text;
}

/**
 * Bytes of an element not yet complete, kept until the text that completes it (its end tag)
 * arrives. Only the new chunk and the seam are searched, so a huge cell or string costs one
 * join, not one per chunk.
 */
export class PendingBytes {
  private parts: Buffer[] = [];
  private held = 0;

  /** `overflow` is thrown when more than `maxBytes` are held for one element. */
  constructor(
    private readonly maxBytes = Number.POSITIVE_INFINITY,
    private readonly overflow: (bytes: number) => Error = (bytes) => new RangeError(`${bytes} bytes held`),
  ) {}

  private needle = '';
  /** The last needle.length - 1 bytes held, to find a needle split across chunks. */
  private tail: Buffer = Buffer.alloc(0);

  /** Keeps `buf` from `from` on until `needle` arrives. */
  hold(buf: Buffer, from: number, needle: string): void {
    this.parts = from < buf.length ? [buf.subarray(from)] : [];
    this.held = buf.length - from;
    if (this.held > this.maxBytes) throw this.overflow(this.held);
    this.needle = needle;
    this.tail = buf.subarray(Math.max(from, buf.length - (needle.length - 1)));
  }

  get holding(): boolean {
    return this.parts.length > 0;
  }

  waitsFor(needle: string): boolean {
    return this.needle === needle;
  }

  /** The held bytes joined with `chunk` once the needle is there; `undefined` while it is not. */
  take(chunk: Buffer): Buffer | undefined {
    const parts = this.parts;
    if (parts.length === 0) return chunk;
    const needle = this.needle;
    const overlap = needle.length - 1;
    parts.push(chunk);
    this.held += chunk.length;
    const arrived =
      chunk.indexOf(needle, 0, 'latin1') >= 0 ||
      (overlap > 0 &&
        Buffer.concat([this.tail, chunk.subarray(0, overlap)]).indexOf(needle, 0, 'latin1') >= 0);
    if (!arrived) {
      if (this.held > this.maxBytes) {
        this.parts = [];
        throw this.overflow(this.held);
      }
      if (overlap > 0) {
        const joined = Buffer.concat([this.tail, chunk]);
        this.tail = joined.subarray(Math.max(0, joined.length - overlap));
      }
      return undefined;
    }
    this.parts = [];
    return Buffer.concat(parts);
  }
}
