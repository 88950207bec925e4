import type { TransitionAction } from '../batch/transitions';

/**
 * The audit log's action names, shared by every store so that a log reads the same whichever
 * database wrote it (and `listAudit({ action })` filters the same). Transitions are
 * `transition.<action>` (see `transitionAuditAction`).
 */
export const AUDIT_ACTIONS = {
  batchCreate: 'batch.create',
  import: 'import',
  decisionReview: 'decision.review',
  legalResolve: 'decision.legal-resolve',
  materialAnnotate: 'material.annotate',
  adjustmentOpen: 'adjustment.open',
  publicationCreate: 'publication.create',
  commentCreate: 'comment.create',
  commentAnswer: 'comment.answer',
  tokenCreate: 'token.create',
  tokenRevoke: 'token.revoke',
  sessionCreate: 'session.create',
  sessionRevoke: 'session.revoke',
  caseCreate: 'case.create',
  caseAssign: 'case.assign',
  caseAnswer: 'case.answer',
  caseClose: 'case.close',
  programmeCreate: 'programme.create',
  programmeUpdate: 'programme.update',
} as const;

export type AuditAction =
  | (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS]
  | `transition.${TransitionAction}`;

export function transitionAuditAction(action: TransitionAction): AuditAction {
  return `transition.${action}`;
}

/** The text filter `q` of `MaterialQuery`: NFKC and trimmed, matched as a substring of item or material name. */
export function materialQueryText(q: string | undefined): string | undefined {
  const text = q?.normalize('NFKC').trim();
  return text ? text : undefined;
}
