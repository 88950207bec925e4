import { type MergeRange, scanMerges } from './merges';
import { readSharedStrings } from './shared-strings';
import {
  parseDateStyles,
  parseRelationships,
  parseWorkbook,
  relationshipOfType,
  relsPathOf,
} from './workbook-parts';
import { type SheetRow, WorksheetScanner } from './worksheet-rows';
import { normalized } from './xml-normalize';
import type { ZipSource } from './zip-source';

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
          normalized(await zip.open(sharedEntry, 'bytes')),
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
      const merges = sheet.state === 'visible' ? await readMerges(zip, entry) : [];
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

async function readMerges(zip: ZipSource, entry: NonNullable<ReturnType<ZipSource['entry']>>) {
  const stream = await zip.open(entry, 'bytes');
  try {
    return await scanMerges(normalized(stream));
  } finally {
    stream.destroy();
  }
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
