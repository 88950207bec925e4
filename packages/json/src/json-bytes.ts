// UTF-8 output for the canonical text, written into one reused byte array. Portable (TextEncoder,
// no Buffer) because the main entry must work in a browser. At 1,000,000 materials the text is
// about 890 MB: producing it as strings and transcoding them cost more than building the list.

const encoder = new TextEncoder();

/** The UTF-8 bytes of ASCII text known when the module loads (the fixed punctuation of the text). */
export function asciiBytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** UTF-8 bytes of any text: what a chunk too long for the buffer is written as. */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * At most this many UTF-8 bytes per UTF-16 unit of a string written as a JSON literal: JSON.stringify
 * turns a control character or a lone surrogate into six ASCII characters (`\u001f`, `\udc00`).
 */
export const QUOTED_BYTES_PER_UNIT = 6;

/** At most this many UTF-8 bytes per UTF-16 unit of any text (a BMP character is at most 3). */
export const TEXT_BYTES_PER_UNIT = 3;

/**
 * A byte array filled from the front. Callers check `room()` before writing: nothing here grows or
 * flushes, so that a generator walking the publication can yield the full array between writes.
 */
export class ByteOutput {
  readonly bytes: Uint8Array;
  pos = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
  }

  room(): number {
    return this.bytes.length - this.pos;
  }

  /** The bytes written so far, as a view (valid until the next write), and an empty output. */
  take(): Uint8Array {
    const view = this.bytes.subarray(0, this.pos);
    this.pos = 0;
    return view;
  }

  raw(bytes: Uint8Array): void {
    this.bytes.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** Any text as UTF-8; room for `text.length * TEXT_BYTES_PER_UNIT` bytes is the caller's check. */
  text(text: string): void {
    // JSON text never holds a lone surrogate (JSON.stringify escapes them), so this is exact.
    this.pos += encoder.encodeInto(text, this.bytes.subarray(this.pos)).written;
  }

  /**
   * `JSON.stringify(value)` for a string, as UTF-8; room for `value.length * QUOTED_BYTES_PER_UNIT
   * + 2` bytes is the caller's check. Most strings (ids, material names) need no escape, and
   * encoding them here costs less than a stringify plus a call into the encoder. The first
   * character JSON.stringify would escape — `"`, `\`, a control character, a lone surrogate —
   * sends the whole string through JSON.stringify instead, so escaping has one definition.
   */
  quoted(value: string): void {
    const b = this.bytes;
    let p = this.pos;
    b[p++] = 0x22;
    const n = value.length;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c < 0x80) {
        if (c < 0x20 || c === 0x22 || c === 0x5c) {
          this.text(JSON.stringify(value));
          return;
        }
        b[p++] = c;
      } else if (c < 0x800) {
        b[p++] = 0xc0 | (c >> 6);
        b[p++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        b[p++] = 0xe0 | (c >> 12);
        b[p++] = 0x80 | ((c >> 6) & 0x3f);
        b[p++] = 0x80 | (c & 0x3f);
      } else {
        const d = i + 1 < n ? value.charCodeAt(i + 1) : 0;
        // A low surrogate first, or a high one not followed by a low one: JSON.stringify escapes it.
        if (c > 0xdbff || d < 0xdc00 || d > 0xdfff) {
          this.text(JSON.stringify(value));
          return;
        }
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        b[p++] = 0xf0 | (cp >> 18);
        b[p++] = 0x80 | ((cp >> 12) & 0x3f);
        b[p++] = 0x80 | ((cp >> 6) & 0x3f);
        b[p++] = 0x80 | (cp & 0x3f);
        i++;
      }
    }
    b[p++] = 0x22;
    this.pos = p;
  }
}
