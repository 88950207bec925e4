import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CaseStatisticsRow, caseStatistics, supervisionSettings } from '@jianzheng/core';
import { loadConfig } from '@jianzheng/core/node';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import type { CommandContext } from '../context';
import { CliError, EXIT } from '../errors';
import { sqliteDriverFromEnv } from '../open-store';
import { type Column, formatCount, renderMarkdownTable, renderTable } from '../table';

export interface ReportCasesOptions {
  db: string;
  config?: string;
  batch?: string;
  format: 'table' | 'markdown';
}

const COLUMNS: Column[] = [
  { header: '部门' },
  { header: '举报', align: 'right' },
  { header: '已整改', align: 'right' },
  { header: '不属于应取消', align: 'right' },
  { header: '超期', align: 'right' },
  { header: '待答复', align: 'right' },
  { header: '已办结', align: 'right' },
  { header: '答复用时中位数（天）', align: 'right' },
];

function cells(row: CaseStatisticsRow): string[] {
  return [
    row.department,
    formatCount(row.reports),
    formatCount(row.rectified),
    formatCount(row.notApplicable),
    formatCount(row.overdue),
    formatCount(row.open),
    formatCount(row.closed),
    row.medianDaysToAnswer === null ? '—' : row.medianDaysToAnswer.toFixed(1),
  ];
}

/**
 * `jianzheng report --cases`: the supervision statistics (domain.md §12) from the service's
 * database — the same table the operators' page shows, overdue counted at the current time.
 */
export async function reportCasesCommand(ctx: CommandContext, options: ReportCasesOptions): Promise<number> {
  const filename = resolve(ctx.io.cwd, options.db);
  // Opening a missing file would create an empty database and report nothing: say so instead.
  if (!existsSync(filename)) {
    throw new CliError(
      'CLI_DB_MISSING',
      `找不到数据库文件 ${options.db}（用 --db 指定 jianzheng serve 使用的数据库）`,
      `no database file ${options.db} (give the one jianzheng serve uses with --db)`,
      EXIT.usage,
    );
  }
  const config = options.config ? await loadConfig(resolve(ctx.io.cwd, options.config)) : undefined;
  const settings = supervisionSettings(config);
  const store = createSqliteStore({ filename, driver: sqliteDriverFromEnv() });
  try {
    const cases = await store.listCases(options.batch ? { batchId: options.batch } : {});
    const stats = caseStatistics(cases, ctx.io.now(), settings.timeZone);
    const rows = [...stats.byDepartment.map(cells), cells(stats.total)];
    const markdown = options.format === 'markdown';
    const title = '督查件统计（明察暗访）';
    ctx.io.stdout.write(
      `${markdown ? `## ${title}` : ctx.out.bold(title)}\n\n${(markdown ? renderMarkdownTable : renderTable)(COLUMNS, rows)}\n`,
    );
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
