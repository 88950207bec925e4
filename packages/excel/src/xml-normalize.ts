// The byte-level readers match element names such as `<row`, `<c`, `<t>` literally. Two legal
// spellings of the same XML would slip past them, so they are rewritten on the way in:
// - a namespace prefix on the SpreadsheetML elements (`<x:row>`, the .NET Open XML SDK's
//   default) is dropped, leaving the local names the readers know;
// - a CDATA section (`<t><![CDATA[a<b]]></t>`) becomes the same text escaped (`a&lt;b`).
// Files without either (nearly all) pass through untouched after one native search per chunk.

const CDATA_OPEN = Buffer.from('<![CDATA[', 'latin1');

/**
 * Whether `buf` holds `<![CDATA[`. Searched from its first "!" (one native byte search, as fast
 * as memory reads): "!" is rare in a worksheet, and the search for the whole needle over every
 * part was 2 % of the import.
 */
function hasCdata(buf: Buffer): boolean {
  const bang = buf.indexOf(0x21 /* ! */);
  return bang > 0 && buf.indexOf(CDATA_OPEN, bang - 1) >= 0;
}

/** The prefix of the document's root element (`x` for `<x:worksheet …>`), or '' for none. */
export function rootPrefix(head: Buffer | string): string {
  const text = typeof head === 'string' ? head : head.toString('latin1', 0, Math.min(head.length, 4096));
  const match = /<([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?[\s/>]/.exec(
    text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''),
  );
  return match?.[2] !== undefined ? match[1]! : '';
}

function escapeCdata(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Rewrites one part chunk by chunk; a construct split across chunks waits for its end. */
export class XmlNormalizer {
  private carry: Buffer | undefined;
  private prefix: RegExp | undefined;
  private decided = false;

  /** Whether the tail of `buf` could be the start of `<![CDATA[` cut by the chunk boundary. */
  private static partialCdata(buf: Buffer): number {
    const from = Math.max(0, buf.length - (CDATA_OPEN.length - 1));
    for (let i = buf.length - 1; i >= from; i--) {
      if (buf[i] !== 0x3c) continue;
      const tail = buf.subarray(i);
      return CDATA_OPEN.subarray(0, tail.length).equals(tail) ? i : -1;
    }
    return -1;
  }

  push(chunk: Buffer): Buffer {
    const buf = this.carry === undefined ? chunk : Buffer.concat([this.carry, chunk]);
    this.carry = undefined;
    if (!this.decided) {
      // The root element must be complete to know its prefix.
      if (buf.indexOf(0x3e) < 0 && buf.length < 4096) {
        this.carry = buf;
        return Buffer.alloc(0);
      }
      this.decided = true;
      const prefix = rootPrefix(buf);
      if (prefix !== '') this.prefix = new RegExp(`<(/?)${prefix.replace(/\./g, '\\.')}:`, 'g');
    }
    if (this.prefix === undefined && !hasCdata(buf)) {
      const partial = XmlNormalizer.partialCdata(buf);
      if (partial < 0) return buf;
      this.carry = Buffer.from(buf.subarray(partial));
      return buf.subarray(0, partial);
    }
    return this.rewrite(buf);
  }

  /** The held bytes at the end of the part (an unclosed construct is the reader's to report). */
  end(): Buffer {
    const rest = this.carry ?? Buffer.alloc(0);
    this.carry = undefined;
    return rest;
  }

  private rewrite(buf: Buffer): Buffer {
    // latin1 maps bytes to chars one to one: UTF-8 sequences come back unchanged.
    let text = buf.toString('latin1');
    let hold = text.length;
    const open = text.lastIndexOf('<![CDATA[');
    if (open >= 0 && text.indexOf(']]>', open) < 0) hold = open;
    else if (this.prefix !== undefined) {
      const lt = text.lastIndexOf('<');
      if (lt >= 0 && text.indexOf('>', lt) < 0) hold = lt;
    }
    if (hold === text.length) {
      const partial = XmlNormalizer.partialCdata(buf);
      if (partial >= 0) hold = partial;
    }
    if (hold < text.length) {
      this.carry = Buffer.from(buf.subarray(hold));
      text = text.slice(0, hold);
    }
    text = text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, inner: string) => escapeCdata(inner));
    if (this.prefix !== undefined) text = text.replace(this.prefix, '<$1');
    return Buffer.from(text, 'latin1');
  }
}

/** A part's chunks, normalized. */
export async function* normalized(part: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const normalizer = new XmlNormalizer();
  for await (const chunk of part) {
    const out = normalizer.push(chunk);
    if (out.length > 0) yield out;
  }
  const rest = normalizer.end();
  if (rest.length > 0) yield rest;
}

/** A part held whole, normalized. */
export function normalizedWhole(part: Buffer): Buffer {
  const normalizer = new XmlNormalizer();
  const out = normalizer.push(part);
  const rest = normalizer.end();
  return rest.length === 0 ? out : Buffer.concat([out, rest]);
}

/** A whole small part (workbook, relationships, styles) as text with element prefixes dropped. */
export function localNames(xml: string): string {
  return xml
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, inner: string) => escapeCdata(inner))
    .replace(/<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g, '<$1');
}
