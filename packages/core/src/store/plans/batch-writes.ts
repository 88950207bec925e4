import { applyTransition } from '../../batch/details';
import { assertAdjustmentPublishable, openAdjustmentDraft } from '../../batch/guards';
import { assertLegalQueueResolved, legalQueueRows, pendingLegalReviews } from '../../batch/legal-queue';
import { assertTransitionGuards, type TransitionPlan } from '../../batch/transitions';
import { AUDIT_ACTIONS, transitionAuditAction } from '../audit';
import { AlreadyExistsError, VersionConflictError } from '../errors';
import type { StoreRow } from '../rows';
import type { BatchRecord, NewBatch, NewPublication, WriteContext } from '../types';
import { type PlannedAudit, type PlannedStatement, plannedAudit, stored, type WritePlan } from './write-plan';

const json = (value: unknown) => JSON.stringify(value);

/** `createBatch`: the batch in `draft`; an id already taken is refused by the insert itself. */
export function planCreateBatch(batch: NewBatch, ctx: WriteContext, at: string): WritePlan<BatchRecord> {
  const created: BatchRecord = {
    id: batch.id,
    title: batch.title,
    jurisdiction: stored(batch.jurisdiction),
    departments: stored(batch.departments),
    stage: 'draft',
    details: {},
    listRevision: 0,
    createdAt: at,
    updatedAt: at,
  };
  return {
    statements: [
      {
        sql: 'insertBatch',
        params: [batch.id, batch.title, json(batch.jurisdiction), json(batch.departments), at, at],
        conflict: new AlreadyExistsError('batch', batch.id, '批次'),
      },
    ],
    audit: [plannedAudit(ctx, at, AUDIT_ACTIONS.batchCreate, batch.id, batch.id, null, created)],
    result: created,
  };
}

/**
 * A change of the batch's list (import, review): its revision moves on, and the first change
 * after publication opens the adjustment draft (动态调整), audited.
 */
export function planListChange(
  batch: BatchRecord,
  ctx: WriteContext,
  at: string,
): { statement: PlannedStatement; audit: PlannedAudit[] } {
  const draft = openAdjustmentDraft(batch.stage, batch.details, at, ctx.actor);
  return {
    statement: { sql: 'bumpListRevision', params: [json(draft ?? batch.details), at, batch.id] },
    audit: draft
      ? [plannedAudit(ctx, at, AUDIT_ACTIONS.adjustmentOpen, batch.id, batch.id, null, draft.adjustment)]
      : [],
  };
}

/** What `transitionBatch` reads inside its transaction (the batch row locked). */
export interface TransitionRead {
  batch: BatchRecord;
  materialCount: number;
  unansweredComments: number;
  /**
   * The `legalQueue` read's rows (materials flagged needs-legal-review), read only when
   * `checksLegalQueue(plan)`: a passed legal review is refused while any is unsettled (§14).
   */
  legalQueue?: readonly StoreRow[];
}

/**
 * `transitionBatch`: re-checks the caller's plan against the batch as the transaction reads it —
 * the stage and list revision it was planned on, the stage's guards, the publication's version
 * and an adjustment's legal review — and plans the stage move, the transition row, the
 * publication (a version already taken is refused by the insert) and their audit entries.
 */
export function planTransitionWrite(
  read: TransitionRead,
  plan: TransitionPlan,
  ctx: WriteContext,
  at: string,
  publication?: NewPublication,
): WritePlan<BatchRecord> {
  const current = read.batch;
  if (current.stage !== plan.from) throw new VersionConflictError('批次阶段', plan.from, current.stage);
  if (plan.listRevision !== undefined && plan.listRevision !== current.listRevision) {
    throw new VersionConflictError('批次清单', plan.listRevision, current.listRevision);
  }
  assertTransitionGuards(plan.action, {
    stage: current.stage,
    materialCount: read.materialCount,
    unansweredComments: read.unansweredComments,
    legalReview: current.details.legalReview ?? null,
    details: current.details,
    listRevision: current.listRevision,
  });
  assertLegalQueueResolved(plan, pendingLegalReviews(legalQueueRows(read.legalQueue ?? [])));
  const details = applyTransition(current.details, plan, at);
  if (plan.publishes) {
    if (!publication || publication.version !== details.publicationVersion) {
      throw new VersionConflictError('发布版本', details.publicationVersion ?? 0, publication?.version ?? 0);
    }
    if (plan.action === 'adjust' && publication.changes) {
      assertAdjustmentPublishable(current.details, current.listRevision, publication.changes);
    }
  }
  const next: BatchRecord = { ...current, stage: plan.to, details: stored(details), updatedAt: at };
  const statements: PlannedStatement[] = [
    { sql: 'moveBatch', params: [plan.to, json(details), at, current.id] },
    {
      sql: 'insertTransition',
      params: [current.id, plan.action, plan.from, plan.to, json(plan.fields), ctx.actor.id, at],
    },
  ];
  const audit = [
    plannedAudit(
      ctx,
      at,
      transitionAuditAction(plan.action),
      current.id,
      current.id,
      { stage: current.stage, details: current.details },
      { stage: next.stage, details: next.details, fields: plan.fields },
    ),
  ];
  if (publication && plan.publishes) {
    statements.push({
      sql: 'insertPublication',
      params: [
        current.id,
        publication.version,
        publication.publishedAt,
        publication.documentNumber,
        publication.reason,
        publication.sha256,
        publication.json,
        publication.excel,
        publication.diff,
      ],
      conflict: new AlreadyExistsError('publication', `${current.id} v${publication.version}`, '发布版本'),
    });
    audit.push(
      plannedAudit(ctx, at, AUDIT_ACTIONS.publicationCreate, current.id, `v${publication.version}`, null, {
        version: publication.version,
        sha256: publication.sha256,
        documentNumber: publication.documentNumber,
        reason: publication.reason,
      }),
    );
  }
  return { statements, audit, result: next };
}
