// A BIFF (.xls) formula whose result is the empty string keeps that result in the FORMULA record
// itself (result type 3, no STRING record follows); SheetJS reads it as the number 0, so
// `=IF(A1="","",…)` would import as “0” — a silent change. This finds those cells in the record
// stream so that the reader can read them as the blank they are.

type Cfb = typeof import('@e965/xlsx').CFB;

const BOF = 0x0809;
const BOUNDSHEET = 0x0085;
const FORMULA = 0x0006;
const EOF = 0x000a;

/** "sheetIndex:row:column" (0-based) of every formula cell whose cached result is the empty string. */
export function emptyStringFormulas(CFB: Cfb, bytes: Buffer): Set<string> {
  const found = new Set<string>();
  let stream: Buffer;
  try {
    const container = CFB.read(bytes, { type: 'buffer' });
    const entry = CFB.find(container, 'Workbook') ?? CFB.find(container, 'Book');
    if (entry?.content === undefined) return found;
    stream = Buffer.from(entry.content as Uint8Array);
  } catch {
    return found;
  }
  // The globals substream lists each sheet's BOF offset, in the order SheetJS names the sheets.
  const sheetAt = new Map<number, number>();
  let sheet = -1;
  let inGlobals = true;
  for (let pos = 0; pos + 4 <= stream.length; ) {
    const type = stream.readUInt16LE(pos);
    const length = stream.readUInt16LE(pos + 2);
    const data = pos + 4;
    if (data + length > stream.length) break;
    if (type === BOUNDSHEET && inGlobals && length >= 4) sheetAt.set(stream.readUInt32LE(data), sheetAt.size);
    else if (type === BOF) sheet = sheetAt.get(pos) ?? -1;
    else if (type === EOF) inGlobals = false;
    else if (type === FORMULA && sheet >= 0 && length >= 14) {
      // FormulaValue: bytes 6–7 are 0xFFFF for a non-number; byte 0 is then its type (3 = "").
      const value = data + 6;
      if (stream.readUInt16LE(value + 6) === 0xffff && stream[value] === 3) {
        found.add(`${sheet}:${stream.readUInt16LE(data)}:${stream.readUInt16LE(data + 2)}`);
      }
    }
    pos = data + length;
  }
  return found;
}

const TOKEN = /\s*(?:"((?:[^"]|"")*)"|(\$?[A-Z]{1,3}\$?[0-9]+)|(&))\s*/y;

/**
 * LibreOffice's .xls export caches a text formula in a cell with a number format (0.00, @, a
 * date) as the number 0, with no STRING record: the text result is not in the file. A formula
 * made only of text literals, cell references and & is worked out from the cells it names;
 * `undefined` for any other formula.
 */
export function concatenation(
  formula: string,
  cellText: (ref: string) => string | undefined,
): string | undefined {
  let out = '';
  let pos = 0;
  let expectOperand = true;
  const text = formula.replace(/^=/, '');
  while (pos < text.length) {
    TOKEN.lastIndex = pos;
    const match = TOKEN.exec(text);
    if (match === null || match[0].length === 0) return undefined;
    pos = TOKEN.lastIndex;
    if (match[3] !== undefined) {
      if (expectOperand) return undefined;
      expectOperand = true;
      continue;
    }
    if (!expectOperand) return undefined;
    expectOperand = false;
    if (match[1] !== undefined) out += match[1].replace(/""/g, '"');
    else {
      const value = cellText(match[2]!.replace(/\$/g, ''));
      if (value === undefined) return undefined;
      out += value;
    }
  }
  return expectOperand ? undefined : out;
}
