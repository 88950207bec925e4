import { setImmediate as nextTurn } from 'node:timers/promises';
import { type MergeRange, scanMerges, scanMergesWhole } from './merges';
import { readSharedStrings } from './shared-strings';
import {
  parseDateStyles,
  parseRelationships,
  parseWorkbook,
  relationshipOfType,
  relsPathOf,
} from './workbook-parts';
import { type SheetRow, WorksheetScanner } from './worksheet-rows';
import { normalized, normalizedWhole } from './xml-normalize';
import type { ZipEntry, ZipSource } from './zip-source';

/** One worksheet of the workbook, its rows streamed in batches (one per inflated chunk). */
export interface StreamedSheet {
  name: string;
  /** `visible`, `hidden` or `veryHidden`. */
  state: string;
  rows: AsyncIterable<SheetRow[]>;
  /** The sheet's merged ranges (domain.md §8: a merged value applies to every row it spans). */
  merges: readonly MergeRange[];
}

export interface ReadLimits {
  maxSharedStrings: number;
  maxCellLength: number;
}

/**
 * Parts up to this size (as the zip declares it, and enforced while inflating) are inflated
 * whole; larger ones stream, so memory stays bounded whatever the file's size.
 */
export const WHOLE_PART_BYTES = 16 * 1024 * 1024;

/** How much of a whole part the scanner reads before the event loop gets a turn. */
const SLICE_BYTES = 1024 * 1024;

async function partText(zip: ZipSource, path: string): Promise<string | undefined> {
  const entry = zip.entry(path);
  if (entry === undefined) return undefined;
  let text = '';
  for await (const chunk of await zip.open(entry, 'text')) text += chunk as string;
  return text;
}

/**
 * Finds the workbook part through the package relationships (`_rels/.rels`; producers may put
 * it elsewhere than `xl/workbook.xml`), reads its relationships, shared strings and styles, then
 * yields each worksheet's rows as they inflate. Returns `undefined` for a zip without a workbook.
 */
export async function openWorkbook(
  zip: ZipSource,
  limits: ReadLimits,
  wholePartBytes = WHOLE_PART_BYTES,
): Promise<AsyncGenerator<StreamedSheet> | undefined> {
  const packageRels = await partText(zip, '_rels/.rels');
  const office =
    packageRels === undefined
      ? undefined
      : relationshipOfType(parseRelationships(packageRels, ''), 'officeDocument');
  const workbookPath = office?.target ?? 'xl/workbook.xml';
  const workbookXml = await partText(zip, workbookPath);
  if (workbookXml === undefined) return undefined;
  const workbook = parseWorkbook(workbookXml);
  const relsXml = await partText(zip, relsPathOf(workbookPath));
  const relationships = relsXml === undefined ? [] : parseRelationships(relsXml, workbookPath);

  const sharedPath = relationshipOfType(relationships, 'sharedStrings')?.target;
  const sharedEntry = sharedPath === undefined ? undefined : zip.entry(sharedPath);
  const sharedStrings =
    sharedEntry === undefined
      ? []
      : await readSharedStrings(
          sharedEntry.size <= wholePartBytes
            ? slices(normalizedWhole(await zip.inflate(sharedEntry)))
            : normalized(await zip.open(sharedEntry, 'bytes')),
          limits.maxSharedStrings,
          limits.maxCellLength,
        );
  const stylesPath = relationshipOfType(relationships, 'styles')?.target;
  const stylesXml = stylesPath === undefined ? undefined : await partText(zip, stylesPath);
  const dateStyles = stylesXml === undefined ? [] : parseDateStyles(stylesXml);
  const context = {
    sharedStrings,
    date1904: workbook.date1904,
    isDateStyle: (style: number) => dateStyles[style] === true,
    maxCellLength: limits.maxCellLength,
  };

  async function* sheets(): AsyncGenerator<StreamedSheet> {
    for (const sheet of workbook.sheets) {
      const rel = relationships.find((r) => r.id === sheet.relId);
      // Chart sheets and dialog sheets hold no cells.
      if (rel === undefined || rel.external || !rel.type.endsWith('/worksheet')) continue;
      const entry = zip.entry(rel.target);
      if (entry === undefined) continue;
      const visible = sheet.state === 'visible';
      if (entry.size <= wholePartBytes) {
        const part = normalizedWhole(await zip.inflate(entry));
        const merges = visible ? scanMergesWhole(part) : [];
        yield { name: sheet.name, state: sheet.state, rows: wholeRows(part, context), merges };
        continue;
      }
      const merges = visible ? await readMerges(zip, entry) : [];
      const stream = await zip.open(entry, 'bytes');
      try {
        yield { name: sheet.name, state: sheet.state, rows: rowsOf(normalized(stream), context), merges };
      } finally {
        // A consumer that stopped early must not leave the inflater running.
        stream.destroy();
      }
    }
  }
  return sheets();
}

/**
 * A whole part in slices, the event loop getting a turn between them: a server importing an
 * upload on its main thread keeps answering while a large sheet is read.
 */
async function* slices(part: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < part.length; at += SLICE_BYTES) {
    if (at > 0) await nextTurn();
    yield part.subarray(at, at + SLICE_BYTES);
  }
}

async function readMerges(zip: ZipSource, entry: ZipEntry) {
  const stream = await zip.open(entry, 'bytes');
  try {
    return await scanMerges(normalized(stream));
  } finally {
    stream.destroy();
  }
}

/**
 * The rows of a part held whole, a slice at a time with a turn of the event loop between
 * slices: a server importing an upload on its main thread keeps answering meanwhile.
 */
async function* wholeRows(
  part: Buffer,
  context: ConstructorParameters<typeof WorksheetScanner>[0],
): AsyncGenerator<SheetRow[]> {
  const scanner = new WorksheetScanner(context);
  let at = 0;
  while (at < part.length) {
    if (at > 0) await nextTurn();
    const rows = scanner.scan(part, at, at + SLICE_BYTES);
    at = scanner.resume;
    if (rows.length > 0) yield rows;
  }
  scanner.end();
}

async function* rowsOf(
  part: AsyncIterable<Buffer>,
  context: ConstructorParameters<typeof WorksheetScanner>[0],
): AsyncGenerator<SheetRow[]> {
  const scanner = new WorksheetScanner(context);
  for await (const chunk of part) {
    const rows = scanner.push(chunk);
    if (rows.length > 0) yield rows;
  }
  scanner.end();
}
