import type { Row } from 'exceljs';
import ExcelJS from 'exceljs';
import type { SharedStrings } from './cell-text';
import type { ZipEntry, ZipSource } from './zip-source';

/** One worksheet of the workbook, its rows streamed by exceljs's WorksheetReader. */
export interface StreamedSheet {
  name: string;
  state: string | undefined;
  rows: AsyncIterable<Row>;
}

interface Relationship {
  Id: string;
  Type: string;
  Target: string;
}

// The parts of exceljs 4.4.0's streaming WorkbookReader this adapter drives. They are internal,
// which is acceptable because exceljs is pinned to 4.4.0, its last release.
interface ReaderInternals {
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(
    iterator: AsyncIterable<unknown>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: AsyncIterable<Row> & { name: string; state?: string } }>;
  workbookRels?: Relationship[];
  model?: { sheets?: Array<{ id: number; name: string; rId: string; state?: string }> };
  sharedStrings?: SharedStrings;
}

/** Options exceljs's streaming reader is created with (stack notes: dates need styles). */
export const READER_OPTIONS = {
  sharedStrings: 'cache',
  styles: 'cache',
  hyperlinks: 'ignore',
  worksheets: 'emit',
} as const;

/** The workbook's worksheets in tab order; `undefined` when the archive holds no workbook. */
export interface WorkbookParts {
  sheets: AsyncGenerator<StreamedSheet>;
  sharedStrings: () => SharedStrings;
}

function resolveTarget(target: string): string {
  // Targets are relative to xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/sheet1.xml").
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

/**
 * Reads the workbook part, relationships, shared strings and styles first, then yields each
 * worksheet with exceljs's own row parser. Returns `undefined` for a zip without a workbook.
 */
export async function openWorkbook(zip: ZipSource): Promise<WorkbookParts | undefined> {
  const workbookEntry = zip.entries.get('xl/workbook.xml');
  if (workbookEntry === undefined) return undefined;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    undefined as unknown as string,
    READER_OPTIONS,
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
  if (shared !== undefined) {
    for await (const _ of reader._parseSharedStrings(await zip.open(shared))) {
      // 'cache' mode fills reader.sharedStrings and yields nothing.
    }
  }
  const styles = byType('/styles', 'xl/styles.xml');
  if (styles !== undefined) await reader._parseStyles(await zip.open(styles));

  async function* sheets(): AsyncGenerator<StreamedSheet> {
    for (const sheet of reader.model?.sheets ?? []) {
      const rel = relationships.find((r) => r.Id === sheet.rId);
      if (rel === undefined || !rel.Type.endsWith('/worksheet')) continue;
      const path = resolveTarget(rel.Target);
      const entry = zip.entries.get(path);
      if (entry === undefined) continue;
      const sheetNo = /(\d+)\.xml$/.exec(path)?.[1] ?? String(sheet.id);
      const stream = await zip.open(entry);
      for (const { eventType, value } of reader._parseWorksheet(stream as AsyncIterable<unknown>, sheetNo)) {
        if (eventType !== 'worksheet') continue;
        value.name = sheet.name;
        yield { name: sheet.name, state: sheet.state, rows: value };
      }
      // A consumer that stopped early must not leave the inflater running.
      stream.destroy();
    }
  }
  return { sheets: sheets(), sharedStrings: () => reader.sharedStrings };
}
