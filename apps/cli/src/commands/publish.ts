import { relative, resolve } from 'node:path';
import {
  type Engine,
  formatRate,
  type Jurisdiction,
  type Publication,
  plainJurisdiction,
} from '@jianzheng/core';
import type { ImportLimits } from '@jianzheng/excel';
import {
  type CpsvApOptions,
  createPublication,
  createPublicationBuilder,
  diffPublications,
  type PublicationHeadInput,
  renderDiffMarkdown,
} from '@jianzheng/json';
import { latestPublication, lockPublicationFolder } from '@jianzheng/json/node';
import type { CommandContext } from '../context';
import { printIssues } from '../context';
import { engineFor } from '../engine';
import { CliError, EXIT } from '../errors';
import { formatCount } from '../table';
import {
  evaluateWorkbooksFileByFile,
  type ImportLimitOptions,
  importLimitsOf,
  loadWorkbooks,
} from '../workbooks';
import { printRegressions } from './diff';
import { adjustmentReason, assertLegalReview, linkedDataOptions } from './publish-checks';
import { writeVersionFiles } from './publish-files';

export interface PublishOptions extends ImportLimitOptions {
  batch: string;
  title: string;
  docNumber?: string;
  out: string;
  config?: string;
  reason?: string;
  /**
   * The passed 合法性审查 of an adjustment (who reviewed, document number): required when the
   * adjustment restores a cancelled material or adds one (domain.md §5); recorded in the
   * publication's adjustment reason.
   */
  legalReview?: string;
  approvedAt?: string;
  /**
   * 文号 of the document approving the list as it stands: decisions a file-based publish makes
   * are engine proposals, so without it the list is a 送审稿 (domain.md §15).
   */
  approved?: string;
  publishedAt?: string;
  /** Also write `v<N>.jsonld`: the list in the EU's public-service vocabulary (CPSV-AP 3). */
  jsonld?: boolean;
  /** The JSON-LD's base IRI; wins over the configuration's `linkedData.baseIri`. */
  baseIri?: string;
  /** Seconds to wait for another publish of the same batch to finish (default 0: fail at once). */
  wait?: string;
  /** Also print the import's info notices (skipped subtotal rows …), not only their count. */
  verbose?: boolean;
}

/**
 * `jianzheng publish`: the next version of a batch as canonical JSON plus the official Excel
 * attachment, and the adjustment diff against the previous version. Publishes only when every
 * workbook imported: a list with a department missing must not go out.
 */
export async function publishCommand(
  ctx: CommandContext,
  files: string[],
  options: PublishOptions,
): Promise<number> {
  const { engine, config, timeZone } = await engineFor(options.config);
  const jurisdiction = config?.jurisdiction ? plainJurisdiction(config.jurisdiction) : undefined;
  if (!jurisdiction) {
    throw new CliError(
      'CLI_NO_JURISDICTION',
      '发布需要在配置文件中填写 jurisdiction（例如 {"jurisdiction": {"code": "341300", "name": "宿州市", "level": "city"}}），请用 --config 指定',
      'publishing needs a jurisdiction in the configuration file (--config)',
      EXIT.usage,
    );
  }
  const linkedData = linkedDataOptions(ctx, options, config?.linkedData);
  const outDir = resolve(ctx.io.cwd, options.out);
  const waitSeconds = Number(options.wait ?? 0);
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0) {
    throw new CliError(
      'CLI_BAD_WAIT',
      `--wait 应为秒数：${options.wait}`,
      `--wait wants seconds: ${options.wait}`,
      EXIT.usage,
    );
  }
  // One publish of a batch at a time, from reading the latest version to the last rename: the
  // JSON and the Excel of a version always come from one run.
  const lock = await lockPublicationFolder(outDir, options.batch, { waitMs: waitSeconds * 1000 });
  try {
    const show = (path: string) => relative(ctx.io.cwd, path) || path;
    if (lock.cleaned.length > 0) {
      ctx.io.stderr.write(
        `${ctx.err.yellow('已清理')}上次中断的发布留下的临时文件 (removed the temporary files of an interrupted publish)：${lock.cleaned.map(show).join('、')}\n`,
      );
    }
    return await publishLocked(ctx, files, options, outDir, show, {
      engine,
      jurisdiction,
      timeZone,
      linkedData,
    });
  } finally {
    await lock.release();
  }
}

async function publishLocked(
  ctx: CommandContext,
  files: string[],
  options: PublishOptions,
  outDir: string,
  show: (path: string) => string,
  city: { engine: Engine; jurisdiction: Jurisdiction; timeZone: string; linkedData: CpsvApOptions },
): Promise<number> {
  const { engine, jurisdiction, timeZone, linkedData } = city;
  const previous = await latestPublication(outDir, options.batch);
  const version = previous ? previous.version + 1 : 1;
  if (previous && !options.reason) {
    throw new CliError(
      'CLI_REASON_REQUIRED',
      `批次 ${options.batch} 已发布第 ${previous.version} 版；发布第 ${version} 版（动态调整）须用 --reason 说明调整原因`,
      `batch ${options.batch} already has version ${previous.version}; an adjustment (version ${version}) needs --reason`,
      EXIT.usage,
    );
  }
  const legalReview = options.legalReview?.trim();
  if (options.legalReview !== undefined && !legalReview) {
    throw new CliError(
      'CLI_BAD_LEGAL_REVIEW',
      '--legal-review 不能为空：请写明合法性审查的机关和意见（如文号）',
      '--legal-review must name the legal review (reviewing office, document number)',
      EXIT.usage,
    );
  }
  const approved = options.approved?.trim() || undefined;
  if (options.approved !== undefined && approved === undefined) {
    throw new CliError(
      'CLI_BAD_APPROVED',
      '--approved 不能为空：请写明批准清单的文件文号',
      '--approved must name the approving document number',
      EXIT.usage,
    );
  }
  const ignored = previous ? [] : (['reason', 'legalReview'] as const).filter((k) => options[k]);
  if (ignored.length > 0) {
    // Kept going: a script that always passes them (e.g. with --wait) may publish version 1.
    const flags = ignored.map((k) => (k === 'reason' ? '--reason' : '--legal-review')).join('、');
    ctx.io.stderr.write(
      `${ctx.err.yellow('未记录')} ${flags}：第 1 版不是动态调整，不记录调整原因和调整的合法性审查 (version 1 is not an adjustment: ${flags} not recorded)\n`,
    );
  }
  const head: PublicationHeadInput = {
    jurisdiction,
    batch: {
      id: options.batch,
      title: options.title,
      documentNumber: options.docNumber ?? approved ?? null,
      approvedAt: options.approvedAt ?? null,
      approvedAsProposed: approved !== undefined,
      adjustmentReason: previous ? adjustmentReason(options.reason!, legalReview) : null,
    },
    version,
    ruleSet: engine.ruleSet,
    publishedAt: options.publishedAt ?? ctx.io.now(),
    categories: [...engine.categories.values()],
    rules: engine.rules,
  };
  const publication = await buildPublication(
    ctx,
    files,
    engine,
    head,
    importLimitsOf(options),
    options.verbose,
  );
  const diff = previous ? diffPublications(previous, publication) : undefined;
  if (diff) assertLegalReview(ctx, diff, version, legalReview);

  const { jsonPath, excelPath, linkedPath } = await writeVersionFiles(publication, outDir, {
    timeZone,
    linkedData: options.jsonld ? linkedData : undefined,
  });

  const s = publication.summary;
  const { out } = ctx;
  const lines = [
    `${out.green('已发布')} ${publication.batch.title} 第 ${version} 版`,
    `  JSON   ${show(jsonPath)}`,
    `  Excel  ${show(excelPath)}`,
    ...(options.jsonld ? [`  JSON-LD ${show(linkedPath)}（CPSV-AP 3）`] : []),
    `  sha256 ${publication.sha256}`,
    ...(publication.batch.status === 'draft'
      ? [
          `  ${out.yellow('送审稿')} 清单中的决定未经审核，标题为“送审稿”；正式清单请加 --approved <文号> (a draft: add --approved <document number> for the official list)`,
        ]
      : []),
    `  ${s.departments} 个部门、${formatCount(s.items)} 个事项、${formatCount(s.materials)} 项材料，取消 ${formatCount(s.cancelled)} 项（${formatRate(s.cancelled, s.materials)}）`,
  ];
  ctx.io.stdout.write(`${lines.join('\n')}\n`);
  if (diff) {
    ctx.io.stdout.write(`\n${renderDiffMarkdown(diff, { timeZone })}\n`);
    printRegressions(ctx, diff);
  }
  return EXIT.ok;
}

function importFailed(failed: readonly string[]): CliError {
  return new CliError(
    'CLI_IMPORT_FAILED',
    `未发布：${failed.join('、')} 导入失败，发布的清单必须包含全部工作簿`,
    `nothing published: ${failed.join(', ')} failed to import; a publication must include every workbook`,
    EXIT.failed,
  );
}

/**
 * File by file (bounded memory, the way a provincial or national list fits), unless an item spans
 * two files: then the whole batch is imported at once, the only way to number it as one item.
 */
async function buildPublication(
  ctx: CommandContext,
  files: string[],
  engine: Engine,
  head: PublicationHeadInput,
  limits: ImportLimits | undefined,
  verbose: boolean | undefined,
): Promise<Publication> {
  const builder = createPublicationBuilder(head);
  const outcome = await evaluateWorkbooksFileByFile(files, ctx.io, ctx.err, engine, builder.add, {
    allOrNothing: true,
    ...(limits ? { limits } : {}),
  });
  if (outcome.kind === 'done') {
    printIssues(ctx, outcome.issues, verbose);
    if (outcome.failed.length > 0) throw importFailed(outcome.failed);
    return builder.finish();
  }
  const imported = await loadWorkbooks(files, ctx.io, ctx.err, limits);
  printIssues(ctx, imported.issues, verbose);
  if (!imported.ok) throw importFailed(imported.files.filter((f) => !f.ok).map((f) => f.file));
  return createPublication({
    ...head,
    materials: imported.materials,
    decisions: engine.evaluate(imported.materials),
  });
}
