// The attachment's SpreadsheetML: every sheet built row by row from the publication and deflated
// into a zip as it is produced (writePublicationWorkbook puts it in a file, exportPublication in memory).
import { CellTooLongForExcelError, cell, inlineCell, sharedCell, sheetName } from './attachment-cells';
import {
  type AttachmentSource,
  type ColumnSpec,
  countRows,
  FOOTER,
  HEADER_ROW,
  type Kind,
  kindOf,
  PAGE_SETUP,
  publicationTitle,
  sheetsOf,
  subtitle,
} from './attachment-layout';
import { columnLetter } from './column-letter';
import {
  appXml,
  contentTypesXml,
  coreXml,
  ROOT_RELS_XML,
  STYLE,
  STYLES_XML,
  WORKSHEET_OPEN,
  workbookRelsXml,
  workbookXml,
} from './xlsx-writer/parts';
import { SHARED_STRINGS_LIMIT, SharedStrings } from './xlsx-writer/shared-strings';
import { EXCEL_CELL_LIMIT, xmlText } from './xlsx-writer/xml';
import {
  asciiBytes,
  type ByteSink,
  type ZipEntryWriter,
  ZipWriter,
  zipTimestamp,
} from './xlsx-writer/zip-writer';

export type { AttachmentSource } from './attachment-layout';

/**
 * Deflate level unless told otherwise (see `compressionLevel`). The sheets are short ASCII cell
 * references since text goes through the shared strings table; on those zlib's level 3 took ~1.9×
 * the CPU of level 2 for a file 3 % smaller (sheet1 at 1M rows: 1.33 s vs 0.71 s).
 */
export const DEFAULT_LEVEL = 2;

const CHUNK = 64 * 1024;
// Pieces of row XML written at once: a 15-column row is about 50 of them and 400 characters,
// so about CHUNK characters.
const PIECES = 8 * 1024;
/** No column's value: what a column remembers before its first text. */
const NOTHING = {};

/**
 * Rows arriving while the attachment is written (attachment-transfer.ts): each sheet's row count
 * up front, and for each department not here yet a promise of its arrival.
 */
export interface ArrivingRows {
  rows: Record<Kind, number>;
  ready(department: number): Promise<void> | undefined;
}

/**
 * The first `n` pieces as one string. The array keeps its size (grown anew for each chunk, it was
 * most of the garbage left), so what an earlier, longer chunk left past `n` is blanked first.
 */
function joinPieces(parts: string[], n: number): string {
  for (let i = n; i < parts.length; i++) parts[i] = '';
  return parts.join('');
}

/**
 * One list as worksheet XML: title, subtitle, header, then one row per material with the group
 * cells on each group's first row, and every group merged over its rows at the end.
 */
async function writeSheet(
  out: ZipEntryWriter,
  strings: SharedStrings,
  publication: AttachmentSource,
  kind: Kind,
  columns: readonly ColumnSpec[],
  rows: number,
  selected: boolean,
  timeZone: string | undefined,
  arrival: ArrivingRows | undefined,
): Promise<void> {
  const width = columns.length;
  const letters = columns.map((_, i) => columnLetter(i + 1));
  const styles = columns.map((c) => (c.header === '序号' ? STYLE.bodyCentred : STYLE.body));
  const opens = letters.map((l) => `<c r="${l}`);
  const empties = styles.map((s) => `" s="${s}"/>`);
  const numbers = styles.map((s) => `" s="${s}"><v>`);
  // Per column the last text and its cell after the reference: the rows of an item mostly repeat
  // the text above them (label, 依据, method), which then costs neither a lookup nor a new string.
  const lastTexts: unknown[] = new Array(width).fill(NOTHING);
  const lastCells: string[] = new Array(width).fill('');
  const itemColumns = columns.flatMap((c, i) => (c.group === 'item' ? [letters[i]!] : []));
  const departmentColumns = columns.flatMap((c, i) => (c.group === 'department' ? [letters[i]!] : []));
  const lastLetter = letters[width - 1]!;
  const first = HEADER_ROW + 1;
  const m = PAGE_SETUP.margins!;

  let buffer =
    `${WORKSHEET_OPEN}<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<dimension ref="A1:${lastLetter}${HEADER_ROW + rows}"/>` +
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0">` +
    `<pane ySplit="${HEADER_ROW}" topLeftCell="A${first}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="A${first}" sqref="A${first}"/></sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/><cols>' +
    columns
      .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`)
      .join('') +
    '</cols><sheetData>' +
    `<row r="1" ht="32" customHeight="1">${cell(strings, 'A1', STYLE.title, publicationTitle(publication, kind), kind)}</row>` +
    `<row r="2">${cell(strings, 'A2', STYLE.subtitle, subtitle(publication, timeZone), kind)}</row>` +
    `<row r="${HEADER_ROW}" ht="24" customHeight="1">` +
    columns
      .map((c, i) => cell(strings, `${letters[i]}${HEADER_ROW}`, STYLE.header, c.header, kind))
      .join('') +
    '</row>';

  // Whether `buffer` holds only ASCII: then it is encoded as Latin-1, a plain copy, where UTF-8
  // cost 1.2 s of the worker's time at 1M rows. Cells through the table are ASCII by construction;
  // the head (title, header), texts written inline and the footer may not be.
  let ascii = false;

  // Group spans as pairs of row numbers; the merge XML is only built at the end.
  const itemSpans: number[] = [];
  const departmentSpans: number[] = [];
  let row = HEADER_ROW;
  let serial = 0;
  // The rows' XML as pieces, joined once per chunk into the one flat string the encoder needs.
  // Built with +=, each cell made a few short-lived strings and the chunk a tree of them (1.4 GB
  // of garbage at 1M rows on this thread); the pieces are mostly the same precomputed strings.
  const parts: string[] = new Array<string>(PIECES + 5 * width + 4).fill('');
  parts[0] = buffer;
  let n = 1;
  const { departments } = publication;
  for (let d = 0; d < departments.length; d++) {
    const coming = arrival?.ready(d);
    if (coming !== undefined) await coming;
    const department = departments[d]!;
    let departmentStart = 0;
    // Indexed loops: in this async function a for-of made an iterator result per row (150 MB of
    // garbage at 1M rows on the attachment's thread).
    const { items } = department;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const { materials } = item;
      let itemStart = 0;
      for (let m = 0; m < materials.length; m++) {
        const material = materials[m]!;
        if (kindOf(material) !== kind) continue;
        row++;
        if (itemStart === 0) {
          itemStart = row;
          serial++;
        }
        if (departmentStart === 0) departmentStart = row;
        // The row number as text once per row, and each cell from precomputed pieces: fewer
        // number conversions and string fragments in the loop that runs once per cell.
        const r = String(row);
        parts[n++] = '<row r="';
        parts[n++] = r;
        parts[n++] = '">';
        for (let c = 0; c < width; c++) {
          const column = columns[c]!;
          parts[n++] = opens[c]!;
          parts[n++] = r;
          if (
            (column.group === 'item' && itemStart !== row) ||
            (column.group === 'department' && departmentStart !== row)
          ) {
            parts[n++] = empties[c]!;
            continue;
          }
          const value = column.value(department, item, material, serial, publication);
          if (typeof value === 'number' && Number.isFinite(value)) {
            parts[n++] = numbers[c]!;
            parts[n++] = String(value);
            parts[n++] = '</v></c>';
          } else if (value === '') parts[n++] = empties[c]!;
          else if (value === lastTexts[c]) {
            strings.again();
            parts[n++] = lastCells[c]!;
          } else {
            const text = String(value);
            if (text.length > EXCEL_CELL_LIMIT)
              throw new CellTooLongForExcelError(sheetName(kind), letters[c]! + r, text.length);
            const index = strings.indexOf(text);
            if (index < 0) {
              // Not remembered: a remembered cell counts as one more reference to the table.
              lastTexts[c] = NOTHING;
              ascii = false;
              parts[n++] = inlineCell(text, styles[c]!);
            } else {
              lastTexts[c] = value;
              lastCells[c] = sharedCell(index, text, styles[c]!);
              parts[n++] = lastCells[c]!;
            }
          }
        }
        parts[n++] = '</row>';
        if (n >= PIECES) {
          const text = joinPieces(parts, n);
          n = 0;
          await out.write(ascii ? asciiBytes(text) : text);
          ascii = true;
        }
      }
      if (itemStart !== 0 && row > itemStart) itemSpans.push(itemStart, row);
    }
    if (departmentStart !== 0 && row > departmentStart) departmentSpans.push(departmentStart, row);
  }
  if (row !== HEADER_ROW + rows) {
    throw new Error(`publication changed while it was written (${row - HEADER_ROW} rows, expected ${rows})`);
  }
  buffer = joinPieces(parts, n);

  const merges =
    2 + (itemSpans.length / 2) * itemColumns.length + (departmentSpans.length / 2) * departmentColumns.length;
  buffer += `</sheetData><mergeCells count="${merges}"><mergeCell ref="A1:${lastLetter}1"/><mergeCell ref="A2:${lastLetter}2"/>`;
  for (const [spans, letterList] of [
    [itemSpans, itemColumns],
    [departmentSpans, departmentColumns],
  ] as const) {
    for (let i = 0; i < spans.length; i += 2) {
      const top = spans[i]!;
      const bottom = spans[i + 1]!;
      for (const letter of letterList) buffer += `<mergeCell ref="${letter}${top}:${letter}${bottom}"/>`;
      if (buffer.length >= CHUNK) {
        await out.write(ascii ? asciiBytes(buffer) : buffer);
        buffer = '';
        ascii = true;
      }
    }
  }
  buffer +=
    '</mergeCells><printOptions horizontalCentered="1"/>' +
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` +
    `<pageSetup paperSize="${PAGE_SETUP.paperSize}" orientation="${PAGE_SETUP.orientation}" fitToWidth="${PAGE_SETUP.fitToWidth}" fitToHeight="${PAGE_SETUP.fitToHeight}"/>` +
    `<headerFooter><oddFooter>${xmlText(FOOTER)}</oddFooter></headerFooter></worksheet>`;
  await out.write(buffer);
}

/**
 * Writes the attachment's parts into a zip, through any byte sink (a file, memory).
 * `stringsLimit`: most distinct texts in the shared strings table (tests lower it).
 * `arrival`: the departments are still arriving (the attachment's thread, attachment-transfer.ts).
 */
export async function writeAttachment(
  sink: ByteSink,
  publication: AttachmentSource,
  level: number,
  timeZone?: string,
  stringsLimit = SHARED_STRINGS_LIMIT,
  arrival?: ArrivingRows,
): Promise<void> {
  const zip = new ZipWriter(sink, { level, modified: zipTimestamp(publication.publishedAt) });
  // The title names the first department.
  const first = publication.departments.length > 0 ? arrival?.ready(0) : undefined;
  if (first !== undefined) await first;
  const rows = arrival?.rows ?? countRows(publication);
  const sheets = sheetsOf(rows);
  const names = sheets.map(([, name]) => name);
  const text = (xml: string) => (w: ZipEntryWriter) => w.write(xml);
  await zip.entry('[Content_Types].xml', text(contentTypesXml(sheets.length)));
  await zip.entry('_rels/.rels', text(ROOT_RELS_XML));
  await zip.entry(
    'docProps/core.xml',
    text(
      coreXml({
        creator: 'jianzheng',
        title: publicationTitle(publication, 'cancel'),
        at: publication.publishedAt,
      }),
    ),
  );
  await zip.entry('docProps/app.xml', text(appXml(names)));
  await zip.entry('xl/workbook.xml', text(workbookXml(names, HEADER_ROW)));
  await zip.entry('xl/_rels/workbook.xml.rels', text(workbookRelsXml(sheets.length)));
  await zip.entry('xl/styles.xml', text(STYLES_XML));
  const strings = new SharedStrings(stringsLimit);
  for (const [index, [kind, , columns]] of sheets.entries()) {
    await zip.entry(`xl/worksheets/sheet${index + 1}.xml`, (w) =>
      writeSheet(w, strings, publication, kind, columns, rows[kind], index === 0, timeZone, arrival),
    );
  }
  // After the sheets: the zip is written forward only, and the table is complete only now.
  await zip.entry('xl/sharedStrings.xml', (w) => strings.write(w));
  await zip.finish();
}
