import { isLegalReviewPending } from '../legal/resolution';
import type { Decision } from '../model/decision';
import { GuardFailedError } from './errors';

/** A material in the legal office's queue: flagged `needs-legal-review` and not yet settled. */
export interface PendingLegalReview {
  readonly id: string;
  readonly department: string;
  readonly name: string;
}

/** What an adapter reads of a material for the queue (its row, inside the transaction). */
export interface LegalQueueRow {
  readonly id: string;
  readonly department: string;
  readonly name: string;
  readonly decision: Pick<Decision, 'verdict' | 'flags'>;
}

// The refusal names this many; the count says how many more there are.
const LISTED = 50;

/**
 * §14: legal review cannot pass while a material's level is still unknown. The list (first 50)
 * travels with the error so the API's 409 and the pages can show which materials to settle.
 */
export class LegalReviewPendingError extends GuardFailedError {
  readonly materials: readonly PendingLegalReview[];
  readonly count: number;
  constructor(pending: readonly PendingLegalReview[]) {
    const names = pending
      .slice(0, 5)
      .map((m) => `${m.department}“${m.name}”`)
      .join('、');
    const more = pending.length > 5 ? ` 等 ${pending.length} 项` : '';
    super(
      'legal-queue-resolved',
      `还有 ${pending.length} 项材料的设定依据待合法性审查认定效力层级（${names}${more}），认定后才能通过合法性审查`,
      `${pending.length} material(s) still need the legal office to settle the level of their legal basis; the legal review cannot pass before`,
    );
    this.materials = pending.slice(0, LISTED);
    this.count = pending.length;
  }
}

/** The `legalQueue` read's rows as the guard takes them (the decision column parsed). */
export function legalQueueRows(rows: readonly Record<string, unknown>[]): LegalQueueRow[] {
  return rows.map((row) => ({
    id: String(row.id),
    department: String(row.department),
    name: String(row.name),
    decision:
      typeof row.decision === 'string'
        ? JSON.parse(row.decision)
        : (row.decision as LegalQueueRow['decision']),
  }));
}

/** The queue among the rows an adapter read: the pending ones, in the order read. */
export function pendingLegalReviews(rows: Iterable<LegalQueueRow>): PendingLegalReview[] {
  const pending: PendingLegalReview[] = [];
  for (const row of rows) {
    if (isLegalReviewPending(row.decision)) {
      pending.push({ id: row.id, department: row.department, name: row.name });
    }
  }
  return pending;
}

/**
 * Whether a transition rests on a passed legal review: the `legal-review` or `review-adjustment`
 * action with result `passed`, and `approve` (the 常务会议 approves what legal review passed — a
 * batch that passed before this guard existed is held here). Only these read the queue.
 */
export function checksLegalQueue(plan: { action: string; fields: Record<string, string> }): boolean {
  if (plan.action === 'approve') return true;
  return (
    (plan.action === 'legal-review' || plan.action === 'review-adjustment') && plan.fields.result === 'passed'
  );
}

/**
 * Throws `LegalReviewPendingError` when the plan rests on a passed legal review while the queue (as the
 * store's transaction read it) is not empty. A failed review is always possible: it sends the
 * list back to 集中审核.
 */
export function assertLegalQueueResolved(
  plan: { action: string; fields: Record<string, string> },
  pending: readonly PendingLegalReview[],
): void {
  if (checksLegalQueue(plan) && pending.length > 0) throw new LegalReviewPendingError(pending);
}
