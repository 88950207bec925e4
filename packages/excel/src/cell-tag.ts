import { columnOf, Type, typeOf } from './cell-type';
import { AttributeCursor, digits, endsName, GT, SLASH, tagEnd } from './xml-bytes';

const SPACE = 0x20;
const EQUALS = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;

// One cursor for the module: tags are read one at a time and never across an await.
const attributes = new AttributeCursor();

/**
 * The attributes a cell reader needs from a `<c …>` start tag: its column (`r`), style (`s`) and
 * type (`t`). A worksheet holds millions of cell tags, nearly all written one way
 * (` r="A2" s="1" t="s">`); reading that shape in one pass, instead of finding the tag's end and
 * then walking its attributes, was a third of the scanner's time per cell. Anything else
 * (other whitespace, `r = "A2"`, a tag cut off by the chunk's end) is read the general way,
 * which gives the same answer for the common shape.
 */
export class CellTag {
  /** The column of `r` (1-based), or 0 without one. */
  ref = 0;
  style = 0;
  type = Type.Number;

  /**
   * Reads the tag whose attributes start at `from` (just after `<c`); returns the offset of
   * its `>` (after a `/` for an empty cell), or -1 when the tag does not end before `length`.
   */
  read(buf: Buffer, from: number, length: number): number {
    this.ref = 0;
    this.style = 0;
    this.type = Type.Number;
    let i = from;
    for (;;) {
      if (i + 1 >= length) break;
      const b = buf[i];
      if (b === GT) return i;
      if (b === SLASH) {
        if (buf[i + 1] === GT) return i + 1;
        break;
      }
      if (b !== SPACE) break;
      // ` name="value"` or ` name='value'`: the name up to "=", which must follow at once.
      const nameStart = i + 1;
      let j = nameStart;
      let c = buf[j];
      // Stopping where the general reader's name ends too (any whitespace, ">" or "/").
      while (j < length && c !== EQUALS && c !== QUOT && c !== APOS && !endsName(c)) c = buf[++j];
      if (j === nameStart || c !== EQUALS) break;
      const quote = buf[j + 1];
      if (quote !== QUOT && quote !== APOS) break;
      const valueStart = j + 2;
      let k = valueStart;
      while (k < length && buf[k] !== quote) k++;
      if (k >= length) break;
      if (j - nameStart === 1) {
        const name = buf[nameStart];
        if (name === 0x72 /* r */) this.ref = columnOf(buf, valueStart, k);
        else if (name === 0x73 /* s */) this.style = Math.max(0, digits(buf, valueStart, k));
        else if (name === 0x74 /* t */) this.type = typeOf(buf, valueStart, k);
      }
      i = k + 1;
    }
    return this.readGeneral(buf, from, length);
  }

  private readGeneral(buf: Buffer, from: number, length: number): number {
    const end = tagEnd(buf, from, length);
    if (end < 0) return -1;
    this.ref = 0;
    this.style = 0;
    this.type = Type.Number;
    const at = attributes.reset(from, end);
    while (at.next(buf)) {
      if (at.named(buf, 0x72 /* r */)) this.ref = columnOf(buf, at.valueStart, at.valueEnd);
      else if (at.named(buf, 0x73 /* s */)) this.style = Math.max(0, digits(buf, at.valueStart, at.valueEnd));
      else if (at.named(buf, 0x74 /* t */)) this.type = typeOf(buf, at.valueStart, at.valueEnd);
    }
    return end;
  }
}
