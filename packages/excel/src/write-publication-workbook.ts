import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isJianzhengError, JianzhengError, type Publication } from '@jianzheng/core';
import {
  type ColumnSpec,
  FOOTER,
  HEADER_ROW,
  type Kind,
  kindOf,
  PAGE_SETUP,
  publicationTitle,
  SHEETS,
  sheetsOf,
  subtitle,
} from './attachment-layout';
import { columnLetter } from './column-letter';
import {
  appXml,
  contentTypesXml,
  coreXml,
  quotedStyle,
  ROOT_RELS_XML,
  STYLE,
  STYLES_XML,
  WORKSHEET_OPEN,
  workbookRelsXml,
  workbookXml,
} from './xlsx-writer/parts';
import { EXCEL_CELL_LIMIT, looksLikeFormula, needsPreserve, xmlCellText, xmlText } from './xlsx-writer/xml';
import { type ByteSink, type ZipEntryWriter, ZipWriter, zipTimestamp } from './xlsx-writer/zip-writer';

/** Deflate level unless told otherwise (see `compressionLevel`). */
export const DEFAULT_LEVEL = 3;

export interface WriteWorkbookOptions {
  /**
   * zlib deflate level of the parts, 1 (fastest) to 9 (smallest). Default 3: at 1,000,000
   * materials it was as fast as level 1 with a 14 % smaller file; level 6 took 1.8× as long
   * for a file 18 % smaller again (bench/write.bench.mjs).
   */
  compressionLevel?: number;
  /** IANA zone the publication date is shown in (domain.md §9 `timeZone`; default Asia/Shanghai). */
  timeZone?: string;
}

/** The attachment could not be written to `path` (missing directory, no space, a failing input …). */
/** A text longer than an Excel cell holds: Excel would refuse or cut it, so nothing is written. */
export class CellTooLongForExcelError extends JianzhengError {
  constructor(
    readonly sheet: string,
    readonly cell: string,
    readonly length: number,
  ) {
    super(
      'CELL_TOO_LONG',
      `Excel 附件工作表「${sheet}」${cell} 单元格的内容有 ${length.toLocaleString('en-US')} 个字符，超过 Excel 单元格上限 32,767，未写入附件；请缩短该内容`,
      {
        messageEn: `cell ${cell} of sheet "${sheet}" would hold ${length} characters, over Excel's 32,767; the attachment was not written`,
      },
    );
  }
}

export class WorkbookWriteError extends JianzhengError {
  readonly path: string;
  constructor(path: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super('XLSX_WRITE_FAILED', `无法写入 Excel 附件「${path}」：${detail}`, {
      cause,
      messageEn: `cannot write the Excel attachment "${path}": ${detail}`,
    });
    this.path = path;
  }
}

const CHUNK = 64 * 1024;

/** Rows of each sheet, to state the sheet's dimension before its rows are written. */
function countRows(publication: Publication): Record<Kind, number> {
  const counts: Record<Kind, number> = { cancel: 0, planned: 0, commitment: 0, retain: 0 };
  for (const department of publication.departments) {
    for (const item of department.items) {
      for (const material of item.materials) counts[kindOf(material)]++;
    }
  }
  return counts;
}

function cell(ref: string, style: number, value: string | number | null, kind: Kind): string {
  if (value === null || value === '') return `<c r="${ref}" s="${style}"/>`;
  if (typeof value === 'number' && Number.isFinite(value))
    return `<c r="${ref}" s="${style}"><v>${value}</v></c>`;
  const text = String(value);
  if (text.length > EXCEL_CELL_LIMIT) throw new CellTooLongForExcelError(sheetName(kind), ref, text.length);
  const space = needsPreserve(text) ? ' xml:space="preserve"' : '';
  const s = looksLikeFormula(text) ? quotedStyle(style) : style;
  return `<c r="${ref}" s="${s}" t="inlineStr"><is><t${space}>${xmlCellText(text)}</t></is></c>`;
}

function sheetName(kind: Kind): string {
  return SHEETS.find(([k]) => k === kind)?.[1] ?? kind;
}

/**
 * One list as worksheet XML: title, subtitle, header, then one row per material with the group
 * cells on each group's first row, and every group merged over its rows at the end.
 */
async function writeSheet(
  out: ZipEntryWriter,
  publication: Publication,
  kind: Kind,
  columns: readonly ColumnSpec[],
  rows: number,
  selected: boolean,
  timeZone: string | undefined,
): Promise<void> {
  const width = columns.length;
  const letters = columns.map((_, i) => columnLetter(i + 1));
  const styles = columns.map((c) => (c.header === '序号' ? STYLE.bodyCentred : STYLE.body));
  const opens = letters.map((l) => `<c r="${l}`);
  const empties = styles.map((s) => `" s="${s}"/>`);
  const numbers = styles.map((s) => `" s="${s}"><v>`);
  const texts = styles.map((s) => `" s="${s}" t="inlineStr"><is><t>`);
  const preserved = styles.map((s) => `" s="${s}" t="inlineStr"><is><t xml:space="preserve">`);
  // Text a spreadsheet would take for a formula gets the quoted twin of its column's style.
  const quotedTexts = styles.map((s) => `" s="${quotedStyle(s)}" t="inlineStr"><is><t>`);
  const quotedPreserved = styles.map(
    (s) => `" s="${quotedStyle(s)}" t="inlineStr"><is><t xml:space="preserve">`,
  );
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
    `<row r="1" ht="32" customHeight="1">${cell('A1', STYLE.title, publicationTitle(publication, kind), kind)}</row>` +
    `<row r="2">${cell('A2', STYLE.subtitle, subtitle(publication, timeZone), kind)}</row>` +
    `<row r="${HEADER_ROW}" ht="24" customHeight="1">` +
    columns.map((c, i) => cell(`${letters[i]}${HEADER_ROW}`, STYLE.header, c.header, kind)).join('') +
    '</row>';

  // Group spans as pairs of row numbers; the merge XML is only built at the end.
  const itemSpans: number[] = [];
  const departmentSpans: number[] = [];
  let row = HEADER_ROW;
  let serial = 0;
  for (const department of publication.departments) {
    let departmentStart = 0;
    for (const item of department.items) {
      let itemStart = 0;
      for (const material of item.materials) {
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
        let xml = `<row r="${r}">`;
        for (let c = 0; c < width; c++) {
          const column = columns[c]!;
          const head = opens[c]! + r;
          if (
            (column.group === 'item' && itemStart !== row) ||
            (column.group === 'department' && departmentStart !== row)
          ) {
            xml += head + empties[c]!;
            continue;
          }
          const value = column.value(department, item, material, serial, publication);
          if (typeof value === 'number' && Number.isFinite(value))
            xml += head + numbers[c]! + value + '</v></c>';
          else if (value === '') xml += head + empties[c]!;
          else {
            const text = String(value);
            if (text.length > EXCEL_CELL_LIMIT)
              throw new CellTooLongForExcelError(sheetName(kind), letters[c]! + r, text.length);
            const open = looksLikeFormula(text)
              ? (needsPreserve(text) ? quotedPreserved : quotedTexts)[c]!
              : (needsPreserve(text) ? preserved : texts)[c]!;
            xml += head + open + xmlCellText(text) + '</t></is></c>';
          }
        }
        buffer += `${xml}</row>`;
        if (buffer.length >= CHUNK) {
          const wait = out.write(buffer);
          buffer = '';
          if (wait) await wait;
        }
      }
      if (itemStart !== 0 && row > itemStart) itemSpans.push(itemStart, row);
    }
    if (departmentStart !== 0 && row > departmentStart) departmentSpans.push(departmentStart, row);
  }
  if (row !== HEADER_ROW + rows) {
    throw new Error(`publication changed while it was written (${row - HEADER_ROW} rows, expected ${rows})`);
  }

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
        const wait = out.write(buffer);
        buffer = '';
        if (wait) await wait;
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

/** The whole package, part after part, into a zip on `sink`. */
/** Writes the attachment's parts into a zip, through any byte sink (a file, memory). */
export async function writeAttachment(
  sink: ByteSink,
  publication: Publication,
  level: number,
  timeZone?: string,
): Promise<void> {
  const zip = new ZipWriter(sink, { level, modified: zipTimestamp(publication.publishedAt) });
  const rows = countRows(publication);
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
  for (const [index, [kind, , columns]] of sheets.entries()) {
    await zip.entry(`xl/worksheets/sheet${index + 1}.xml`, (w) =>
      writeSheet(w, publication, kind, columns, rows[kind], index === 0, timeZone),
    );
  }
  await zip.finish();
}

async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function streamSink(stream: WriteStream, failed: () => unknown): ByteSink {
  return {
    write(chunk) {
      const failure = failed();
      if (failure !== undefined) throw failure;
      return stream.write(chunk);
    },
    drain() {
      return new Promise((resolve, reject) => {
        const onDrain = () => {
          stream.off('error', onError);
          resolve();
        };
        const onError = (error: unknown) => {
          stream.off('drain', onDrain);
          reject(error);
        };
        stream.once('drain', onDrain);
        stream.once('error', onError);
      });
    },
  };
}

/**
 * Writes the official attachment (the workbook `exportPublication` returns as bytes: cancelled and
 * retained sheets, grouped, merged, bordered, titled, print-ready) straight to a file as
 * SpreadsheetML, for publications of any size up to what a zip without Zip64 holds. The file
 * appears at `path` only when complete: it is written next to it and renamed into place.
 * Throws `WorkbookWriteError` (code XLSX_WRITE_FAILED) or `XlsxTooLargeError` (XLSX_TOO_LARGE).
 */
export async function writePublicationWorkbook(
  publication: Publication,
  path: string,
  options: WriteWorkbookOptions = {},
): Promise<void> {
  const level = options.compressionLevel ?? DEFAULT_LEVEL;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let failure: unknown;
  const stream = createWriteStream(temp, { flags: 'wx', highWaterMark: 1024 * 1024 });
  const closed = new Promise<void>((resolve) => stream.once('close', resolve));
  stream.on('error', (error) => {
    failure ??= error;
  });
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('ready', resolve);
      stream.once('error', reject);
    });
    await writeAttachment(
      streamSink(stream, () => failure),
      publication,
      level,
      options.timeZone,
    );
    await new Promise<void>((resolve, reject) => {
      stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    await closed;
    if (failure !== undefined) throw failure;
    // Durable before it gets its name, as @jianzheng/json does for the JSON: after a crash the
    // path holds the previous file or the complete new one.
    await syncPath(temp);
    await rename(temp, path);
    await syncPath(dirname(path)).catch(() => undefined);
  } catch (error) {
    stream.destroy();
    await closed;
    await rm(temp, { force: true });
    throw isJianzhengError(error) ? error : new WorkbookWriteError(path, error);
  }
}
