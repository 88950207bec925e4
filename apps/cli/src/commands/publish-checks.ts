// What `jianzheng publish` checks of an adjustment and of its flags before it writes anything.
import {
  assertAdjustmentPublishable,
  type BatchDetails,
  GuardFailedError,
  LinkedDataConfigSchema,
} from '@jianzheng/core';
import type { CpsvApOptions, PublicationDiff } from '@jianzheng/json';
import type { CommandContext } from '../context';
import { CliError, EXIT } from '../errors';
import { printRegressions } from './diff';
import type { PublishOptions } from './publish';

/** The published adjustment reason: the operator's reason, then the legal review that passed it. */
export function adjustmentReason(reason: string, legalReview: string | undefined): string {
  return legalReview ? `${reason}（合法性审查：${legalReview}）` : reason;
}

/**
 * §5 with core's guard: an adjustment that restores or adds materials needs a passed legal review.
 * A file-based publish has no batch record; the review the operator names covers exactly the
 * workbooks of this run, so it stands as a passed review of this one list revision.
 */
export function assertLegalReview(
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

/** The JSON-LD export's settings: the configuration's `linkedData`, `--base-iri` winning. */
export function linkedDataOptions(
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
