import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import {
  assertAdjustmentPublishable,
  type BatchDetails,
  type Engine,
  formatRate,
  GuardFailedError,
  type Jurisdiction,
  LinkedDataConfigSchema,
  type Publication,
  plainJurisdiction,
} from '@jianzheng/core';
import { type ImportLimits, writePublicationWorkbook } from '@jianzheng/excel';
import {
  type CpsvApOptions,
  createPublication,
  createPublicationBuilder,
  diffPublications,
  exportCpsvAp,
  type PublicationDiff,
  type PublicationHeadInput,
  renderDiffMarkdown,
} from '@jianzheng/json';
import {
  latestPublication,
  lockPublicationFolder,
  publishTempName,
  writePublication,
} from '@jianzheng/json/node';
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
  const publication = await buildPublication(ctx, files, engine, head, importLimitsOf(options));
  const diff = previous ? diffPublications(previous, publication) : undefined;
  if (diff) assertLegalReview(ctx, diff, version, legalReview);

  // The Excel under a temporary name and the JSON are written at once: the attachment on a worker
  // thread of its own (its rows handed over packed), the JSON on this one — two cores instead of
  // one after the other on this thread (see bench/RESULTS.md for the figures).
  // The JSON takes its name only once the Excel is complete (it refuses to overwrite a version),
  // then the Excel takes its name: a failure at any step leaves no partial publication. Both
  // stream to disk, never held whole in memory.
  const batchDir = join(outDir, options.batch);
  const excelPath = join(batchDir, `v${version}.xlsx`);
  const random = randomBytes(6).toString('hex');
  const pending = join(batchDir, publishTempName(`v${version}.xlsx`, random));
  const linkedPath = join(batchDir, `v${version}.jsonld`);
  const linkedPending = join(batchDir, publishTempName(`v${version}.jsonld`, random));
  const excel = writePublicationWorkbook(publication, pending, { timeZone, thread: true });
  // Its failure is thrown by writePublication (beforeCommit) or awaited below, never unhandled.
  excel.catch(() => {});
  let jsonPath: string;
  try {
    if (options.jsonld)
      await writeFile(linkedPending, `${JSON.stringify(exportCpsvAp(publication, linkedData), null, 1)}\n`);
    jsonPath = await writePublication(outDir, publication, { beforeCommit: () => excel });
    await rename(pending, excelPath);
    if (options.jsonld) await rename(linkedPending, linkedPath);
  } catch (error) {
    // The attachment may still be writing: let it end before its temporary file is removed.
    await excel.catch(() => {});
    await rm(pending, { force: true });
    await rm(linkedPending, { force: true });
    throw error;
  }

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

/** The published adjustment reason: the operator's reason, then the legal review that passed it. */
function adjustmentReason(reason: string, legalReview: string | undefined): string {
  return legalReview ? `${reason}（合法性审查：${legalReview}）` : reason;
}

/**
 * §5 with core's guard: an adjustment that restores or adds materials needs a passed legal review.
 * A file-based publish has no batch record; the review the operator names covers exactly the
 * workbooks of this run, so it stands as a passed review of this one list revision.
 */
function assertLegalReview(
  ctx: CommandContext,
  diff: PublicationDiff,
  version: number,
  legalReview: string | undefined,
): void {
  const at = ctx.io.now().toISOString();
  const details: BatchDetails = legalReview
    ? {
        adjustment: {
          openedAt: at,
          openedBy: 'cli',
          legalReview: { result: 'passed', notes: legalReview, at, listRevision: 0 },
        },
      }
    : {};
  try {
    assertAdjustmentPublishable(
      details,
      0,
      { restored: diff.counts.restored, added: diff.counts.added },
      '--legal-review "<审查机关和意见、文号>"',
    );
  } catch (error) {
    if (!(error instanceof GuardFailedError)) throw error;
    printRegressions(ctx, diff);
    throw new CliError(
      'CLI_LEGAL_REVIEW_REQUIRED',
      `未发布第 ${version} 版：${error.message}`,
      `version ${version} not published: ${error.messageEn}`,
      EXIT.failed,
      error,
    );
  }
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
): Promise<Publication> {
  const builder = createPublicationBuilder(head);
  const outcome = await evaluateWorkbooksFileByFile(files, ctx.io, ctx.err, engine, builder.add, {
    allOrNothing: true,
    ...(limits ? { limits } : {}),
  });
  if (outcome.kind === 'done') {
    printIssues(ctx, outcome.issues);
    if (outcome.failed.length > 0) throw importFailed(outcome.failed);
    return builder.finish();
  }
  const imported = await loadWorkbooks(files, ctx.io, ctx.err, limits);
  printIssues(ctx, imported.issues);
  if (!imported.ok) throw importFailed(imported.files.filter((f) => !f.ok).map((f) => f.file));
  return createPublication({
    ...head,
    materials: imported.materials,
    decisions: engine.evaluate(imported.materials),
  });
}

/** The JSON-LD export's settings: the configuration's `linkedData`, `--base-iri` winning. */
function linkedDataOptions(
  ctx: CommandContext,
  options: PublishOptions,
  configured: CpsvApOptions | undefined,
): CpsvApOptions {
  if (options.baseIri === undefined) return configured ?? {};
  const checked = LinkedDataConfigSchema.shape.baseIri.safeParse(options.baseIri);
  if (!checked.success) {
    throw new CliError(
      'CLI_BAD_BASE_IRI',
      `--base-iri 应为绝对 IRI，例如 https://data.example.gov.cn/jianzheng/：${options.baseIri}`,
      `--base-iri wants an absolute IRI without spaces: ${options.baseIri}`,
      EXIT.usage,
    );
  }
  if (!options.jsonld)
    ctx.io.stderr.write(
      `${ctx.err.yellow('未使用')} --base-iri：只用于 --jsonld 输出 (--base-iri only applies with --jsonld)\n`,
    );
  return { ...configured, baseIri: options.baseIri };
}
