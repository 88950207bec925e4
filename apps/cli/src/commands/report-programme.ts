import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, relative, resolve } from 'node:path';
import {
  type BatchFacts,
  formatLocalDate,
  type InventoryCounts,
  type ProgrammeFigures,
  type ProgrammeFile,
  ProgrammeFileSchema,
  programmeFigures,
  programmeOfFile,
} from '@jianzheng/core';
import { readPublication } from '@jianzheng/json/node';
import type { CommandContext } from '../context';
import { engineFor } from '../engine';
import { CliError, EXIT } from '../errors';
import { isPostgresUrl, openStore, shownDb } from '../open-store';
import { renderProgramme } from '../programme-tables';
import { formatCount } from '../table';
import { type ImportLimitOptions, importLimitsOf } from '../workbooks';
import { summarizeWorkbooks } from './report';

export interface ReportProgrammeOptions extends ImportLimitOptions {
  config?: string;
  /** The service's database, when the programme is an id kept there. */
  db: string;
  format: 'table' | 'markdown' | 'json';
  verbose?: boolean;
  asOf?: string;
}

/** A programme file lists units, batches and rounds: a few hundred lines even for a province. */
const MAX_PROGRAMME_BYTES = 4 * 1024 * 1024;
const WORKBOOK_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xls', '.xlsb', '.ods', '.csv']);

function invalid(file: string, zh: string, en: string, cause?: unknown): CliError {
  return new CliError(
    'PROGRAMME_FILE_INVALID',
    `专项清理文件 ${file} 无效：${zh}`,
    `programme file ${file} is invalid: ${en}`,
    EXIT.usage,
    cause,
  );
}

/** Reads and checks the programme file (size capped before reading; zh-CN messages with the path). */
export async function readProgrammeFile(path: string, shown: string): Promise<ProgrammeFile> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new CliError(
      'CLI_FILE_NOT_FOUND',
      `文件不存在：${shown}`,
      `file not found: ${shown}`,
      EXIT.usage,
      error,
    );
  }
  if (size > MAX_PROGRAMME_BYTES)
    throw invalid(
      shown,
      `文件超过 ${MAX_PROGRAMME_BYTES / 1024 / 1024} MiB`,
      `larger than ${MAX_PROGRAMME_BYTES} bytes`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw invalid(shown, `不是有效的 JSON（${(error as Error).message}）`, 'not valid JSON', error);
  }
  const parsed = ProgrammeFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(根)'}：${i.message}`);
    throw invalid(shown, issues.join('；'), issues.join('; '));
  }
  return parsed.data;
}

/** The programme file's workbooks: files as given, directories as every workbook in them, by name. */
async function workbookPaths(file: ProgrammeFile, base: string, cwd: string): Promise<string[]> {
  const paths: string[] = [];
  // Shown in messages as given relative to where the operator stands, unless that climbs out of it.
  const shown = (full: string) => (relative(cwd, full).startsWith('..') ? full : relative(cwd, full));
  for (const entry of file.workbooks) {
    const full = resolve(base, entry);
    const info = await stat(full).catch(() => undefined);
    if (info?.isDirectory()) {
      const names = (await readdir(full))
        .filter((n) => WORKBOOK_EXTENSIONS.has(extname(n).toLowerCase()) && !n.startsWith('~$'))
        .sort();
      for (const name of names) paths.push(shown(resolve(full, name)));
    } else paths.push(shown(full));
  }
  return paths;
}

/**
 * `jianzheng report --programme <file|id>`: the programme's figures (domain.md §16). From a
 * programme file: its units' workbooks evaluated with the configured rules (拟取消 = the engine's
 * cancellations) and its published batches' publications (已取消); workbooks given on the
 * command line are added. From an id: what the service's database (`--db`) holds.
 */
export async function reportProgrammeCommand(
  ctx: CommandContext,
  programmePath: string,
  extraFiles: string[],
  options: ReportProgrammeOptions,
): Promise<number> {
  const fullPath = resolve(ctx.io.cwd, programmePath);
  if (!/\.json$/i.test(programmePath) && !existsSync(fullPath)) {
    if (extraFiles.length > 0)
      throw new CliError(
        'CLI_PROGRAMME_WORKBOOKS',
        '从数据库统计专项清理时不读工作簿；工作簿请列在专项清理文件中',
        'a programme kept in the database is counted from it; list workbooks in a programme file instead',
        EXIT.usage,
      );
    return reportStoredProgramme(ctx, programmePath, options);
  }
  const file = await readProgrammeFile(fullPath, programmePath);
  const base = dirname(fullPath);
  const files = [...(await workbookPaths(file, base, ctx.io.cwd)), ...extraFiles];
  const { engine, timeZone } = await engineFor(options.config);
  const asOf = options.asOf ?? formatLocalDate(new Date(), timeZone, 'date');

  let inventory: InventoryCounts[] = [];
  let ok = true;
  if (files.length > 0) {
    const counted = await summarizeWorkbooks(
      ctx,
      files,
      engine,
      options.verbose,
      asOf,
      importLimitsOf(options),
    );
    ok = counted.ok;
    inventory = counted.summary.byDepartment.map((d) => ({
      batch: null,
      department: d.department,
      items: d.items,
      materials: d.materials,
      proposed: d.cancelled,
    }));
  }
  const batches: BatchFacts[] = [];
  for (const batch of file.batches) {
    if (batch.publication === undefined && batch.stage === 'published')
      ctx.io.stderr.write(
        `提示 批次“${batch.title}”标为已公布，但未给出其发布文件（publication），已取消数不计\n` +
          `    batch "${batch.id}" is marked published but names no publication file; its cancellations are not counted\n`,
      );
    if (batch.publication === undefined) continue;
    const publication = await readPublication(resolve(base, batch.publication));
    batches.push({
      id: batch.id,
      stage: 'published',
      published: publication.summary.byDepartment.map((d) => ({
        department: d.department,
        materials: d.materials,
        cancelled: d.cancelled,
      })),
    });
  }

  const figures = programmeFigures(programmeOfFile(file), { inventory, batches });
  printFigures(ctx, figures, options.format);
  return ok ? EXIT.ok : EXIT.failed;
}

/** The figures of a programme the service keeps, read from its database. */
async function reportStoredProgramme(
  ctx: CommandContext,
  id: string,
  options: ReportProgrammeOptions,
): Promise<number> {
  if (!isPostgresUrl(options.db) && !existsSync(resolve(ctx.io.cwd, options.db)))
    throw new CliError(
      'CLI_DB_MISSING',
      `${id} 不是专项清理文件，也找不到数据库文件 ${options.db}（用 --db 指定 jianzheng serve 使用的数据库）`,
      `${id} is no programme file, and there is no database file ${options.db} (give the one jianzheng serve uses with --db)`,
      EXIT.usage,
    );
  const store = await openStore(options.db, ctx.io.cwd);
  try {
    if (!(await store.getProgramme(id)))
      throw new CliError(
        'CLI_PROGRAMME_NOT_FOUND',
        `数据库 ${shownDb(options.db)} 中没有专项清理“${id}”，也没有名为 ${id} 的文件`,
        `no programme "${id}" in ${shownDb(options.db)}, and no file of that name`,
        EXIT.usage,
      );
    printFigures(ctx, await store.summarizeProgramme(id), options.format);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

function printFigures(
  ctx: CommandContext,
  figures: ProgrammeFigures,
  format: ReportProgrammeOptions['format'],
) {
  for (const stray of figures.unlisted)
    ctx.io.stderr.write(
      `提示 “${stray.department}”不在专项清理的单位名单中，其申请材料 ${formatCount(stray.materials)} 项未计入\n` +
        `    "${stray.department}" is not a unit of the programme; its ${stray.materials} materials are not counted\n`,
    );
  if (format === 'json') ctx.io.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  else {
    const markdown = format === 'markdown';
    const bold = (text: string) => (markdown ? `**${text}**` : ctx.out.bold(text));
    ctx.io.stdout.write(`${renderProgramme(figures, markdown, bold)}\n`);
  }
}
