import { JianzhengError } from '../errors/jianzheng-error';
import type { BatchStage } from '../model/batch';
import type { Actor } from '../store/types';
import type { BatchDetails } from './details';
import { GuardFailedError } from './errors';

/**
 * The guards of domain.md §5 that a store re-checks inside the transaction of the write they
 * guard. Each is pure: the adapter reads the batch row (locked) and calls them before writing.
 */

/** Public comments are only taken while the batch is in `public-comment` and not closed early. */
export class CommentsClosedError extends JianzhengError {
  readonly stage: BatchStage;
  constructor(stage: BatchStage, closedEarly = false) {
    // No stage in the text: the public form must not tell outsiders where an internal review
    // stands. Operators read it from `stage`.
    super(
      'COMMENTS_CLOSED',
      closedEarly ? '公开征求意见已提前结束，不能再提交意见' : '当前不在公开征求意见期，不能提交意见',
      {
        messageEn: closedEarly
          ? 'the comment period was closed early: comments are no longer taken'
          : 'comments are closed: the list is not out for public comment',
      },
    );
    this.stage = stage;
  }
}

/**
 * A comment on a day outside the announced period (公开征求意见期, dates in the jurisdiction's
 * time zone): before its start or after its end. The period was published, so it may be named.
 */
export class OutsideCommentPeriodError extends JianzhengError {
  readonly period: { start: string; end: string };
  readonly today: string;
  constructor(period: { start: string; end: string }, today: string) {
    const early = today < period.start;
    super(
      'COMMENT_PERIOD',
      early
        ? `公开征求意见期为 ${period.start} 至 ${period.end}，尚未开始（今天是 ${today}），暂不能提交意见`
        : `公开征求意见期为 ${period.start} 至 ${period.end}，已经结束（今天是 ${today}），不能再提交意见`,
      {
        messageEn: early
          ? `the comment period runs ${period.start} to ${period.end} and has not started (today is ${today})`
          : `the comment period ran ${period.start} to ${period.end} and is over (today is ${today})`,
      },
    );
    this.period = { start: period.start, end: period.end };
    this.today = today;
  }
}

/** 谁设定，谁清理: a department operator reached for another department's materials. */
export class OtherDepartmentError extends JianzhengError {
  readonly departments: readonly string[];
  constructor(own: string | null | undefined, others: readonly string[]) {
    // FORBIDDEN: the same condition the API reports as 403 for any role that may not act.
    super('FORBIDDEN', `部门令牌只能修改本部门（${own ?? '未指定'}）的材料，不能修改：${others.join('、')}`, {
      messageEn: `a department operator may change only ${own ?? '(none)'}'s materials, not: ${others.join(', ')}`,
    });
    this.departments = others;
  }
}

/**
 * Throws `CommentsClosedError` unless the batch takes public comments, and
 * `OutsideCommentPeriodError` when `today` (YYYY-MM-DD in the jurisdiction's zone) is outside the
 * announced period.
 */
export function assertCommentsOpen(
  batch: { stage: BatchStage; details: BatchDetails },
  today?: string,
): void {
  if (batch.stage !== 'public-comment') throw new CommentsClosedError(batch.stage);
  const period = batch.details.commentPeriod;
  if (period?.closedEarly) throw new CommentsClosedError(batch.stage, true);
  // Dates are YYYY-MM-DD in the jurisdiction's zone: they compare as strings.
  if (today && period && (today < period.start || today > period.end)) {
    throw new OutsideCommentPeriodError(period, today);
  }
}

/** Throws `OtherDepartmentError` when a department actor touches another department. */
export function assertOwnDepartment(actor: Actor, departments: readonly string[]): void {
  if (actor.role !== 'department') return;
  const others = [...new Set(departments)].filter((d) => d !== actor.department);
  if (others.length > 0) throw new OtherDepartmentError(actor.department, others);
}

/**
 * After publication, the first change of the list (a department's re-upload, a review) opens an
 * adjustment draft (动态调整); returns the details with the draft, or `undefined` when nothing
 * opens (not published, or a draft is already open).
 */
export function openAdjustmentDraft(
  stage: BatchStage,
  details: BatchDetails,
  at: string,
  actor: Actor,
): BatchDetails | undefined {
  if (stage !== 'published' || details.adjustment) return undefined;
  return { ...details, adjustment: { openedAt: at, openedBy: actor.id } };
}

/** The materials an adjustment brings back or adds, against the latest publication. */
export interface AdjustmentChanges {
  restored: number;
  added: number;
}

/**
 * §5: an adjustment that restores a cancelled material (边减边增) or adds one passes legal review
 * again — on the list as it is now (`listRevision`) — before its version is published; one that
 * only cancels more is published directly. `how` names, in the refusal, the way the caller
 * records that review (the API's `review-adjustment` action, the CLI's `--legal-review` option).
 */
export function assertAdjustmentPublishable(
  details: BatchDetails,
  listRevision: number,
  changes: AdjustmentChanges,
  how = 'review-adjustment',
): void {
  if (changes.restored === 0 && changes.added === 0) return;
  const review = details.adjustment?.legalReview;
  if (review?.result === 'passed' && review.listRevision === listRevision) return;
  const what = [
    changes.restored ? `恢复 ${changes.restored} 项已取消材料` : '',
    changes.added ? `新增 ${changes.added} 项材料` : '',
  ]
    .filter(Boolean)
    .join('、');
  const whatEn = [
    changes.restored ? `restores ${changes.restored} cancelled material(s)` : '',
    changes.added ? `adds ${changes.added} material(s)` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  throw new GuardFailedError(
    'adjustment-legal-review',
    review
      ? `本次调整${what}，合法性审查后清单又有改动（或审查未通过），须重新审查后才能公布`
      : `本次调整${what}，须先通过合法性审查（${how}）才能公布`,
    `this adjustment ${whatEn}: it must pass a legal review of the current list (${how}) before it is published`,
  );
}
