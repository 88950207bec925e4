// The workbook's shared strings table (xl/sharedStrings.xml), as Excel writes its own files.
// The attachment's texts repeat across a million rows (department, item and material names,
// category labels, 依据 sentences): written inline, the sheets were half a gigabyte of mostly
// two-byte CJK text to encode as UTF-8, checksum and deflate. Through the table a text cell is a
// short ASCII reference, and each distinct text is escaped and encoded once.
import { needsPreserve, xmlCellText } from './xml';
import type { ZipEntryWriter } from './zip-writer';

/**
 * Most distinct texts the table takes: V8's Map holds at most 2^24 entries, and a table of mostly
 * unique texts saves nothing but costs memory. Past it, new texts are written inline
 * (`indexOf` answers -1) while the ones already in the table keep their index.
 */
export const SHARED_STRINGS_LIMIT = 1 << 21;

const CHUNK = 64 * 1024;

export class SharedStrings {
  private readonly indexes = new Map<string, number>();
  private readonly texts: string[] = [];
  /** Cells that refer to the table: the part's `count`. */
  private references = 0;

  constructor(private readonly limit = SHARED_STRINGS_LIMIT) {}

  /**
   * The index of `text` for one more cell, the text added at its first use (so the same
   * publication gives the same indices and bytes); -1 when the table is full and `text` new.
   */
  indexOf(text: string): number {
    let index = this.indexes.get(text);
    if (index === undefined) {
      if (this.texts.length >= this.limit) return -1;
      index = this.texts.push(text) - 1;
      this.indexes.set(text, index);
    }
    this.references++;
    return index;
  }

  /** One more cell with an index `indexOf` gave before (the writer remembers the last per column). */
  again(): void {
    this.references++;
  }

  /** Writes the part; the table is emptied as it goes (nothing is looked up once sheets are done). */
  async write(out: ZipEntryWriter): Promise<void> {
    const texts = this.texts;
    this.indexes.clear();
    let buffer =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      `count="${this.references}" uniqueCount="${texts.length}">`;
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i]!;
      // Leading or trailing whitespace survives only with xml:space="preserve" on the <t>.
      buffer += `${needsPreserve(text) ? '<si><t xml:space="preserve">' : '<si><t>'}${xmlCellText(text)}</t></si>`;
      if (buffer.length >= CHUNK) {
        await out.write(buffer);
        buffer = '';
      }
    }
    texts.length = 0;
    await out.write(`${buffer}</sst>`);
  }
}
