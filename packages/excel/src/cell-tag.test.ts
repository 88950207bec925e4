import { describe, expect, it } from 'vitest';
import { CellTag } from './cell-tag';
import { columnOf, Type, typeOf } from './cell-type';
import { AttributeCursor, digits, tagEnd } from './xml-bytes';

/** The scanner's reading before CellTag: find the tag's end, then walk its attributes. */
function reference(buf: Buffer, from: number, length: number) {
  const end = tagEnd(buf, from, length);
  const out = { end, ref: 0, style: 0, type: Type.Number };
  if (end < 0) return out;
  const at = new AttributeCursor().reset(from, end);
  while (at.next(buf)) {
    if (at.named(buf, 0x72)) out.ref = columnOf(buf, at.valueStart, at.valueEnd);
    else if (at.named(buf, 0x73)) out.style = Math.max(0, digits(buf, at.valueStart, at.valueEnd));
    else if (at.named(buf, 0x74)) out.type = typeOf(buf, at.valueStart, at.valueEnd);
  }
  return out;
}

function read(tag: CellTag, buf: Buffer, from: number, length: number) {
  const end = tag.read(buf, from, length);
  return {
    end,
    ref: end < 0 ? 0 : tag.ref,
    style: end < 0 ? 0 : tag.style,
    type: end < 0 ? Type.Number : tag.type,
  };
}

// Pieces of cell tags as producers write them, and as hostile or odd files might.
const PIECES = [
  ' r="A2"',
  ' r="XFD1048576"',
  " r='B7'",
  ' s="3"',
  ' s="x"',
  ' t="s"',
  ' t="str"',
  ' t="inlineStr"',
  " t='b'",
  ' t="e"',
  ' t="d"',
  ' x14ac:dyDescent="0.25"',
  ' cm="1"',
  ' r = "C3"',
  '\nr="D4"',
  ' r\n="G7"',
  '\ts="2"',
  '  t="s"',
  ' r="E5>"',
  ' s="1"t="s"',
  ' ="1"',
  ' r',
  ' a"b="c"',
  ' r="F6',
  " t='s\"'",
];
const ENDS = ['>', '/>', ' >', ' />', '/ >', ''];

describe('CellTag', () => {
  it('reads the common shape in one pass', () => {
    const tag = new CellTag();
    const buf = Buffer.from('<c r="AB12" s="7" t="s"><v>3</v></c>');
    const end = tag.read(buf, 2, buf.length);
    expect(buf[end]).toBe(0x3e);
    expect([tag.ref, tag.style, tag.type]).toEqual([28, 7, Type.Shared]);
  });

  it('reads every tag, whole or cut off, exactly as the general reader does', () => {
    const tag = new CellTag();
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let i = 0; i < 4_000; i++) {
      let text = '<c';
      const count = random(5);
      for (let k = 0; k < count; k++) text += PIECES[random(PIECES.length)];
      text += `${ENDS[random(ENDS.length)]}<v>1</v></c>`;
      const buf = Buffer.from(text);
      for (let length = 2; length <= buf.length; length++) {
        expect(read(tag, buf, 2, length), `${text} cut at ${length}`).toEqual(reference(buf, 2, length));
      }
    }
  });
});
