import { JianzhengError } from '@jianzheng/core';
import { CellTooLargeError, maxHeldBytes, TooManySharedStringsError } from './limits';
import { endsName, PendingBytes, runsText, SLASH, tagEnd } from './xml-bytes';

/** A shared-strings part cut off inside a string. */
export class MalformedSharedStringsError extends JianzhengError {
  constructor() {
    super('CORRUPT_WORKBOOK', '共享字符串表（sharedStrings.xml）不完整', {
      messageEn: 'the shared-strings part (sharedStrings.xml) is incomplete',
    });
  }
}

/**
 * Reads the shared-strings table: one plain string per `<si>`, rich-text runs joined and phonetic
 * guides left out, so a cell reads as Excel shows it. Strings are read as their `</si>` arrives.
 */
export async function readSharedStrings(
  part: AsyncIterable<Buffer>,
  maxStrings = Number.POSITIVE_INFINITY,
  maxCellLength = Number.POSITIVE_INFINITY,
): Promise<string[]> {
  const strings: string[] = [];
  // One string is limited while it is read: a 150 MB <si> in a 148 KB file is never held whole.
  const pending = new PendingBytes(
    maxHeldBytes(maxCellLength),
    (bytes) => new CellTooLargeError(maxCellLength, bytes, { sheet: 'sharedStrings.xml' }),
  );
  for await (const chunk of part) {
    const buf = pending.take(chunk);
    if (buf === undefined) continue;
    let pos = 0;
    for (;;) {
      // Counted as they are read: a tiny part can declare more empty <si/> than memory holds.
      if (strings.length > maxStrings) throw new TooManySharedStringsError(maxStrings);
      let open = buf.indexOf('<si', pos, 'latin1');
      while (open >= 0 && open + 3 < buf.length && !endsName(buf[open + 3]))
        open = buf.indexOf('<si', open + 3, 'latin1');
      if (open < 0) {
        pending.hold(buf, Math.max(pos, buf.length - 3), '<si');
        break;
      }
      const end = tagEnd(buf, open + 3, buf.length);
      if (end < 0) {
        pending.hold(buf, open, '>');
        break;
      }
      if (buf[end - 1] === SLASH) {
        strings.push('');
        pos = end + 1;
        continue;
      }
      const close = buf.indexOf('</si>', end + 1, 'latin1');
      if (close < 0) {
        pending.hold(buf, open, '</si>');
        break;
      }
      strings.push(runsText(buf, end + 1, close));
      pos = close + 5;
    }
  }
  if (pending.holding && !pending.waitsFor('<si')) throw new MalformedSharedStringsError();
  return strings;
}
