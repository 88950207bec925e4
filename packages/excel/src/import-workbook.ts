import {
  assignMaterialIds,
  itemKey,
  type Jurisdiction,
  type Material,
  type MaterialInput,
  type ServiceItem,
} from '@jianzheng/core';
import type { SheetSummary } from './file-context';
import { defaultImportThreads, importOnThreads } from './import-threads';
import { type ImportIssue, makeIssue } from './issues';
import type { WorkbookInput } from './open-input';
import { fileNameOf, type ImportOptions, streamWorkbook } from './stream-workbook';

/** The result of importing one workbook. */
export interface ImportResult {
  file: string;
  /** False when the file had an error: then `materials`, `items` and `departments` are empty. */
  ok: boolean;
  materials: Material[];
  /** Every item once; all materials of an item share this very object. */
  items: ServiceItem[];
  departments: string[];
  sheets: SheetSummary[];
  issues: ImportIssue[];
  jurisdiction?: Jurisdiction;
}

/**
 * Imports a department workbook (domain.md §8) in one go: the streaming import collected.
 * Never throws for bad input; a file with any error issue imports nothing (`ok: false`).
 *
 * ```ts
 * const result = await importWorkbook('公安局.xlsx');
 * if (!result.ok) for (const issue of result.issues) console.error(issue.message);
 * ```
 */
export async function importWorkbook(
  input: WorkbookInput,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const materials: Material[] = [];
  const items: ServiceItem[] = [];
  const seen = new Set<ServiceItem>();
  for await (const event of streamWorkbook(input, {
    ...options,
    maxTrackedItems: Number.POSITIVE_INFINITY,
  })) {
    if (event.type === 'item') {
      if (!seen.has(event.item)) {
        seen.add(event.item);
        items.push(event.item);
      }
      for (const material of event.materials) materials.push(material);
      continue;
    }
    const ok = event.ok;
    const result: ImportResult = {
      file: event.file,
      ok,
      materials: ok ? materials : [],
      items: ok ? items : [],
      departments: ok ? event.departments : [],
      sheets: event.sheets,
      issues: event.issues,
    };
    if (options.jurisdiction !== undefined) result.jurisdiction = options.jurisdiction;
    return result;
  }
  // streamWorkbook always ends with an `end` event; this is only for the type checker.
  return {
    file: fileNameOf(input, options),
    ok: false,
    materials: [],
    items: [],
    departments: [],
    sheets: [],
    issues: [],
  };
}

/** One input of `importWorkbooks`, optionally with its own options (file name, department). */
export type WorkbookSource = WorkbookInput | ({ input: WorkbookInput } & Omit<ImportOptions, 'onProgress'>);

/** Several workbooks merged: each file is all-or-nothing, the others still import. */
export interface ImportBatchResult {
  /** True when every file imported. */
  ok: boolean;
  files: Array<Omit<ImportResult, 'materials' | 'items' | 'jurisdiction'> & { materials: number }>;
  materials: Material[];
  items: ServiceItem[];
  departments: string[];
  issues: ImportIssue[];
}

/** Options of `importWorkbooks`. */
export interface ImportBatchOptions extends ImportOptions {
  /**
   * Worker threads the files are imported on, one file at a time each (default: one per core;
   * 1 imports on this thread). The result is the same, in the same order, whatever the number.
   */
  threads?: number;
}

/**
 * Imports several workbooks (on worker threads, one per core) and merges them in their order. A file with an error
 * contributes nothing; the rest still import. An item found in two files is one item (one
 * object), and its material ids continue across the files (#2, #3 …).
 */
export async function importWorkbooks(
  sources: readonly WorkbookSource[],
  batchOptions: ImportBatchOptions = {},
): Promise<ImportBatchResult> {
  const { threads = defaultImportThreads(), ...options } = batchOptions;
  const files: ImportBatchResult['files'] = [];
  const issues: ImportIssue[] = [];
  let perFile: ImportResult[] = [];
  const entries = sources.map((source) => {
    const isWrapped =
      typeof source === 'object' && source !== null && 'input' in source && !isStreamOrBytes(source);
    const input = isWrapped ? (source as { input: WorkbookInput }).input : (source as WorkbookInput);
    const { input: _input, ...own } = isWrapped
      ? (source as { input: WorkbookInput } & Omit<ImportOptions, 'onProgress'>)
      : { input };
    return { input, options: { ...options, ...own } };
  });
  if (threads > 1 && sources.length > 1) {
    const rows = entries.map(() => 0);
    const progress = options.onProgress;
    perFile = await importOnThreads(
      entries,
      threads,
      progress
        ? (index, count) => {
            rows[index] = count;
            progress(rows.reduce((a, b) => a + b, 0));
          }
        : undefined,
    );
  }
  let rowsBefore = 0;
  for (const { input, options: own } of perFile.length > 0 ? [] : entries) {
    const progress = options.onProgress;
    const base = rowsBefore;
    let last = 0;
    const result = await importWorkbook(input, {
      ...own,
      ...(progress
        ? {
            onProgress: (rows: number) => {
              last = rows;
              progress(base + rows);
            },
          }
        : {}),
    });
    rowsBefore += last;
    perFile.push(result);
  }
  for (const result of perFile) {
    const { materials, items: _items, jurisdiction: _j, ...rest } = result;
    files.push({ ...rest, materials: materials.length });
    issues.push(...result.issues);
  }

  const itemByKey = new Map<string, { item: ServiceItem; file: string }>();
  const items: ServiceItem[] = [];
  let shared = false;
  for (const result of perFile) {
    for (const item of result.items) {
      const key = itemKey(item);
      const known = itemByKey.get(key);
      if (known === undefined) {
        itemByKey.set(key, { item, file: result.file });
        items.push(item);
      } else if (known.item !== item) {
        shared = true;
        issues.push(
          makeIssue(
            'warning',
            'ITEM_IN_SEVERAL_FILES',
            { file: result.file },
            `事项“${item.name}”（${item.department}）也出现在「${known.file}」中，两处材料合并为同一事项`,
            `item "${item.name}" (${item.department}) also appears in "${known.file}"; its materials are merged`,
          ),
        );
      }
    }
  }
  let materials = joined(perFile.map((result) => result.materials));
  if (shared) {
    // Ids number repeated names within an item; an item split over files is numbered as one.
    materials = assignMaterialIds(
      materials.map(
        ({ id: _id, ...rest }): MaterialInput => ({ ...rest, item: itemByKey.get(itemKey(rest.item))!.item }),
      ),
    );
  }
  const departments = [...new Set(perFile.flatMap((result) => result.departments))];
  return { ok: perFile.every((result) => result.ok), files, materials, items, departments, issues };
}

/**
 * The arrays one after another. `concat` copies arrays natively; `flatMap` took 0.3–0.5 s for a
 * million materials, after the last worker had finished, so the whole import waited for it.
 * Spread in groups, as a call takes only so many arguments.
 */
function joined<T>(arrays: readonly T[][]): T[] {
  let out: T[] = [];
  for (let i = 0; i < arrays.length; i += 4096) out = out.concat(...arrays.slice(i, i + 4096));
  return out;
}

function isStreamOrBytes(value: object): boolean {
  return value instanceof Uint8Array || typeof (value as { pipe?: unknown }).pipe === 'function';
}
