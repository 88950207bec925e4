import ExcelJS from 'exceljs';
import { readSharedStrings } from './shared-strings';
import { type SheetRow, WorksheetScanner } from './worksheet-rows';
import type { ZipEntry, ZipSource } from './zip-source';

/** One worksheet of the workbook, its rows streamed in batches (one per inflated chunk). */
export interface StreamedSheet {
  name: string;
  state: string | undefined;
  rows: AsyncIterable<SheetRow[]>;
}

interface Relationship {
  Id: string;
  Type: string;
  Target: string;
}

// The parts of exceljs 4.4.0's streaming WorkbookReader this adapter drives for the small parts
// (relationships, workbook, styles). They are internal, which is acceptable because exceljs is
// pinned to 4.4.0, its last release. Worksheets and shared strings, where the time goes, are
// read by our own byte-level readers.
interface ReaderInternals {
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  workbookRels?: Relationship[];
  model?: { sheets?: Array<{ id: number; name: string; rId: string; state?: string }> };
  properties?: { model?: { date1904?: boolean } };
  styles?: { getStyleModel(id: number): { numFmt?: string } | null | undefined };
}

/** exceljs's test for a date format (utils.isDateFmt): date letters outside quotes and brackets. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function resolveTarget(target: string): string {
  // Targets are relative to xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/sheet1.xml").
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

/**
 * Reads the workbook part, relationships, shared strings and styles first, then yields each
 * worksheet's rows as they inflate. Returns `undefined` for a zip without a workbook.
 */
export async function openWorkbook(zip: ZipSource): Promise<AsyncGenerator<StreamedSheet> | undefined> {
  const workbookEntry = zip.entries.get('xl/workbook.xml');
  if (workbookEntry === undefined) return undefined;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    undefined as unknown as string,
    // Only the styles are kept: dates are numbers whose cell style has a date format.
    { styles: 'cache' },
  ) as unknown as ReaderInternals;

  const rels = zip.entries.get('xl/_rels/workbook.xml.rels');
  if (rels !== undefined) await reader._parseRels(await zip.open(rels));
  await reader._parseWorkbook(await zip.open(workbookEntry));
  const relationships = reader.workbookRels ?? [];
  const byType = (suffix: string, fallback: string): ZipEntry | undefined => {
    const rel = relationships.find((r) => r.Type.endsWith(suffix));
    return zip.entries.get(rel ? resolveTarget(rel.Target) : fallback);
  };
  const shared = byType('/sharedStrings', 'xl/sharedStrings.xml');
  const sharedStrings = shared === undefined ? [] : await readSharedStrings(await zip.open(shared, 'bytes'));
  const styles = byType('/styles', 'xl/styles.xml');
  if (styles !== undefined) await reader._parseStyles(await zip.open(styles));
  const dateStyles: boolean[] = [];
  const context = {
    sharedStrings,
    date1904: reader.properties?.model?.date1904 === true,
    isDateStyle(style: number): boolean {
      let date = dateStyles[style];
      if (date === undefined) {
        date = isDateFormat(reader.styles?.getStyleModel(style)?.numFmt);
        dateStyles[style] = date;
      }
      return date;
    },
  };

  async function* sheets(): AsyncGenerator<StreamedSheet> {
    for (const sheet of reader.model?.sheets ?? []) {
      const rel = relationships.find((r) => r.Id === sheet.rId);
      if (rel === undefined || !rel.Type.endsWith('/worksheet')) continue;
      const path = resolveTarget(rel.Target);
      const entry = zip.entries.get(path);
      if (entry === undefined) continue;
      const stream = await zip.open(entry, 'bytes');
      try {
        yield { name: sheet.name, state: sheet.state, rows: rowsOf(stream, context) };
      } finally {
        // A consumer that stopped early must not leave the inflater running.
        stream.destroy();
      }
    }
  }
  return sheets();
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
