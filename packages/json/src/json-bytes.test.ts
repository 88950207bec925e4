import { describe, expect, it } from 'vitest';
import { ByteOutput, QUOTED_BYTES_PER_UNIT } from './json-bytes';

const decoder = new TextDecoder();

/** What ByteOutput.quoted writes for `value`, as text. */
function quoted(value: string): string {
  const out = new ByteOutput(value.length * QUOTED_BYTES_PER_UNIT + 2);
  out.quoted(value);
  return decoder.decode(out.take());
}

/** The UTF-8 bytes JSON.stringify's text stands for: what the canonical text must hold. */
const expectedBytes = (value: string) => Buffer.from(JSON.stringify(value), 'utf8');

describe('ByteOutput.quoted', () => {
  it('writes every UTF-16 unit as JSON.stringify escapes and UTF-8 encodes it', () => {
    // All 65,536 units, each alone and between plain characters: control characters, quotes,
    // backslashes, U+2028/2029 (JSON.stringify leaves those as they are) and lone surrogates.
    for (let c = 0; c <= 0xffff; c++) {
      for (const value of [String.fromCharCode(c), `证${String.fromCharCode(c)}a`]) {
        const out = new ByteOutput(value.length * QUOTED_BYTES_PER_UNIT + 2);
        out.quoted(value);
        const bytes = out.take();
        if (!Buffer.from(bytes).equals(expectedBytes(value)))
          expect({ unit: c.toString(16), got: Buffer.from(bytes).toString('hex') }).toEqual({
            unit: c.toString(16),
            got: expectedBytes(value).toString('hex'),
          });
      }
    }
  });

  it('encodes surrogate pairs as one 4-byte character and escapes the lone halves around them', () => {
    for (const value of [
      '😀',
      'a😀b',
      '\ud83d',
      '\ude00',
      '\ude00\ud83d',
      '\ud83d\ud83d\ude00',
      '😀\ud83d',
      '\ud83d\u0041',
    ])
      expect(quoted(value)).toBe(JSON.stringify(value));
  });

  it('writes from its position and leaves the bytes before it alone when it escapes', () => {
    const out = new ByteOutput(64);
    out.quoted('减证');
    out.quoted('a"b\\c\n');
    out.quoted('');
    expect(decoder.decode(out.take())).toBe(`"减证"${JSON.stringify('a"b\\c\n')}""`);
  });
});
