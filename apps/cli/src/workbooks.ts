import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Decision, Engine, Material } from '@jianzheng/core';
import {
  type ImportBatchResult,
  type ImportLimits,
  importWorkbooks,
  type WorkbookSource,
} from '@jianzheng/excel';
import { CliError, EXIT } from './errors';
import { evaluateFileByFile, type FileByFileOptions, type FileByFileOutcome } from './evaluate-file-by-file';
import type { CliIo, Colors } from './io';
import { createProgress, type Progress } from './progress';

/** At least one workbook, each of them an existing file (else a usage error, exit 2). */
export async function requireInputFiles(paths: readonly string[], cwd: string): Promise<void> {
  if (paths.length === 0) {
    throw new CliError(
      'CLI_NO_INPUT',
      '请至少指定一个工作簿文件',
      'give at least one workbook file',
      EXIT.usage,
    );
  }
  await checkInputFiles(paths, cwd);
}

/**
 * Refuses paths that do not exist before anything is read: a mistyped name is a usage error
 * (exit 2), unlike a file that exists but is not a workbook (an import issue, exit 1).
 */
export async function checkInputFiles(paths: readonly string[], cwd: string): Promise<void> {
  const missing: string[] = [];
  for (const path of paths) {
    try {
      await stat(resolve(cwd, path));
    } catch {
      missing.push(path);
    }
  }
  if (missing.length > 0) {
    const list = missing.join('、');
    throw new CliError(
      'CLI_FILE_NOT_FOUND',
      `文件不存在：${list}`,
      `file not found: ${missing.join(', ')}`,
      EXIT.usage,
    );
  }
}

/** The import progress bar on stderr (drawn only on a terminal, unless JIANZHENG_PROGRESS says). */
export function importProgress(io: CliIo, colors: Colors, files: number): Progress {
  return createProgress({
    stream: io.stderr,
    colors,
    files,
    // JIANZHENG_PROGRESS=1 draws on a pipe too; =always also skips the one-second grace period.
    force: io.env.JIANZHENG_PROGRESS === '1' || io.env.JIANZHENG_PROGRESS === 'always',
    ...(io.env.JIANZHENG_PROGRESS === 'always' ? { delayMs: 0 } : {}),
  });
}

/**
 * Imports the department workbooks through @jianzheng/excel, with a progress bar for long imports.
 * Each file is all-or-nothing; the others still import (the result says which failed).
 */
export async function loadWorkbooks(
  paths: readonly string[],
  io: CliIo,
  colors: Colors,
  limits?: ImportLimits,
): Promise<ImportBatchResult> {
  await requireInputFiles(paths, io.cwd);
  const progress = importProgress(io, colors, paths.length);
  const sources: WorkbookSource[] = paths.map((path) => ({
    input: resolve(io.cwd, path),
    fileName: path,
  }));
  // importWorkbooks takes its sources in order (on worker threads they start as threads free up);
  // noticing which one it takes next is how the bar counts files without re-implementing the merge.
  const watched = new Proxy(sources, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) progress.file(Number(key));
      return Reflect.get(target, key, receiver);
    },
  });
  try {
    return await importWorkbooks(watched, {
      onProgress: (rows) => progress.rows(rows),
      ...(limits ? { limits } : {}),
    });
  } finally {
    progress.done();
  }
}

/**
 * `evaluateFileByFile` over a command's workbook arguments: the same existence check and progress
 * bar as `loadWorkbooks`, for commands that need one file's materials at a time (report, publish).
 */
export async function evaluateWorkbooksFileByFile(
  paths: readonly string[],
  io: CliIo,
  colors: Colors,
  engine: Engine,
  take: (materials: readonly Material[], decisions: readonly Decision[]) => void,
  options: FileByFileOptions = {},
): Promise<FileByFileOutcome> {
  await requireInputFiles(paths, io.cwd);
  const progress = importProgress(io, colors, paths.length);
  try {
    const files = paths.map((path) => ({ path: resolve(io.cwd, path), fileName: path }));
    return await evaluateFileByFile(files, engine, progress, take, options);
  } finally {
    progress.done();
  }
}

/** The import-limit flags of evaluate, explain, report and publish, and the limits they name. */
export const IMPORT_LIMIT_FLAGS = {
  maxRows: 'maxRows',
  maxMaterials: 'maxMaterials',
  maxItemMaterials: 'maxItemMaterials',
  maxCellLength: 'maxCellLength',
  maxSharedStrings: 'maxSharedStrings',
  maxPartBytes: 'maxPartBytes',
  maxFileBytes: 'maxFileBytes',
} as const satisfies Record<string, keyof ImportLimits>;

export type ImportLimitOptions = Partial<Record<keyof typeof IMPORT_LIMIT_FLAGS, string>>;

/** The limit flags given, as `ImportLimits`; one that is not a positive integer is a usage error (exit 2). */
export function importLimitsOf(options: ImportLimitOptions): ImportLimits | undefined {
  const limits: ImportLimits = {};
  for (const key of Object.keys(IMPORT_LIMIT_FLAGS) as Array<keyof typeof IMPORT_LIMIT_FLAGS>) {
    const raw = options[key];
    if (raw === undefined) continue;
    limits[IMPORT_LIMIT_FLAGS[key]] = limitFlag(key, raw);
  }
  return Object.keys(limits).length > 0 ? limits : undefined;
}

/** A limit flag's value (`maxImportRows` → `--max-import-rows`): a positive integer, else exit 2. */
export function limitFlag(key: string, raw: string): number {
  const value = Number(raw);
  if (Number.isSafeInteger(value) && value > 0) return value;
  const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  throw new CliError(
    'CLI_BAD_LIMIT',
    `${flag} 应为正整数：${raw}`,
    `${flag} wants a positive integer: ${raw}`,
    EXIT.usage,
  );
}
