import type { TransitionPlan } from './transitions';

/** What the stages of a batch have recorded so far (the fields each transition required). */
export interface BatchDetails {
  /** 协商确认: who signed for the departments, and when. */
  confirmation?: { signer: string; signedAt: string };
  /** 公开征求意见: the comment period and where it was announced. */
  commentPeriod?: {
    start: string;
    end: string;
    channel: string;
    /** Closed before `end`, with the recorded reason (legal review may then start at once). */
    closedEarly?: { reason: string; at: string };
  };
  /** The latest 合法性审查, with its 文号, reviewer and day when recorded. */
  legalReview?: {
    result: 'passed' | 'failed';
    notes: string;
    at: string;
    documentNumber?: string;
    reviewer?: string;
    reviewedAt?: string;
  };
  /** 政府常务会议审议通过. */
  meetingDate?: string;
  /** 文号 of the latest publication. */
  documentNumber?: string;
  /** Date of the latest publication. */
  publishedAt?: string;
  /** The latest publication version (1 after publish, N+1 after each adjustment). */
  publicationVersion?: number;
  /**
   * An open 动态调整 draft: the list changed after publication. Its legal review (when the
   * adjustment restores or adds materials) holds for the list revision it looked at.
   */
  adjustment?: {
    openedAt: string;
    openedBy: string;
    legalReview?: { result: 'passed' | 'failed'; notes: string; at: string; listRevision: number };
  };
}

/**
 * The details after a transition. `at` is the time the transition happens; a failed legal review
 * is kept so operators see why the batch came back to centralized review.
 */
export function applyTransition(details: BatchDetails, plan: TransitionPlan, at: string): BatchDetails {
  const f = plan.fields;
  const next: BatchDetails = { ...details };
  switch (plan.action) {
    case 'confirm':
      next.confirmation = { signer: f.signer!, signedAt: f.signedAt! };
      break;
    case 'open-comment':
      next.commentPeriod = { start: f.start!, end: f.end!, channel: f.channel! };
      break;
    case 'close-comment':
      next.commentPeriod = { ...details.commentPeriod!, closedEarly: { reason: f.reason!, at } };
      break;
    case 'review-adjustment':
      next.adjustment = {
        ...details.adjustment!,
        legalReview: {
          result: f.result as 'passed' | 'failed',
          notes: f.notes!,
          at,
          listRevision: plan.listRevision ?? 0,
        },
      };
      break;
    case 'legal-review':
      next.legalReview = {
        result: f.result as 'passed' | 'failed',
        notes: f.notes!,
        at,
        ...(f.documentNumber ? { documentNumber: f.documentNumber } : {}),
        ...(f.reviewer ? { reviewer: f.reviewer } : {}),
        ...(f.reviewedAt ? { reviewedAt: f.reviewedAt } : {}),
      };
      break;
    case 'approve':
      next.meetingDate = f.meetingDate!;
      break;
    case 'publish':
      next.documentNumber = f.documentNumber!;
      next.publishedAt = f.publishedAt!;
      next.publicationVersion = 1;
      break;
    case 'adjust':
      if (f.documentNumber) next.documentNumber = f.documentNumber;
      next.publishedAt = f.publishedAt ?? at.slice(0, 10);
      next.publicationVersion = (details.publicationVersion ?? 0) + 1;
      delete next.adjustment;
      break;
  }
  return next;
}
