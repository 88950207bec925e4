import {
  type AdjustmentChanges,
  applyTransition,
  assertAdjustmentPublishable,
  type BatchDetails,
  type BatchRecord,
  type Engine,
  formatLocalDate,
  type JianzhengStore,
  type NewPublication,
  planTransition,
  type TransitionInput,
  type WriteContext,
  zoneOffset,
} from '@jianzheng/core';
import { exportPublication } from '@jianzheng/excel';
import { createPublication, diffPublications, parsePublication, serializePublication } from '@jianzheng/json';

/**
 * Plans a transition with core's state machine (guards read from the store), and for publish /
 * adjust builds the JSON publication and the Excel attachment first, so that the stage change
 * and the new version are written together or not at all.
 */
export async function runTransition(
  deps: { store: JianzhengStore; engine: Engine; timeZoneOffset: string | undefined; timeZone: string },
  batch: BatchRecord,
  input: TransitionInput,
  ctx: WriteContext & { at: string },
): Promise<{ batch: BatchRecord; publication: NewPublication | undefined }> {
  const { store, engine } = deps;
  const materialCount = (await store.listMaterials(batch.id, { limit: 1 })).total;
  const today = formatLocalDate(ctx.at, deps.timeZone, 'date');
  const plan = planTransition(
    {
      stage: batch.stage,
      materialCount,
      unansweredComments: await store.countUnansweredComments(batch.id),
      legalReview: batch.details.legalReview ?? null,
      details: batch.details,
      today,
      listRevision: batch.listRevision,
    },
    input,
  );
  if (plan.action === 'legal-review') {
    // The record names who reviewed and on which day even when the form left them out (§15).
    plan.fields.reviewer ??= ctx.actor.id;
    plan.fields.reviewedAt ??= today;
  }
  const details = applyTransition(batch.details, plan, ctx.at);
  let publication: NewPublication | undefined;
  if (plan.publishes) {
    const records = await store.allMaterials(batch.id);
    const version = details.publicationVersion!;
    const reason = plan.action === 'adjust' ? plan.fields.reason! : null;
    const pub = createPublication({
      jurisdiction: batch.jurisdiction,
      batch: {
        id: batch.id,
        title: batch.title,
        documentNumber: details.documentNumber ?? null,
        approvedAt: details.meetingDate ?? null,
        adjustmentReason: reason,
        legalReview: legalReviewRecord(batch.details),
      },
      version,
      materials: records.map((r) => r.material),
      decisions: records.map((r) => r.decision),
      ruleSet: engine.ruleSet,
      publishedAt: `${details.publishedAt}T00:00:00${deps.timeZoneOffset ?? zoneOffset(details.publishedAt!, deps.timeZone)}`,
      categories: [...engine.categories.values()],
      rules: engine.rules,
    });
    const json = serializePublication(pub);
    let diff: string | null = null;
    let changes: AdjustmentChanges | undefined;
    if (version > 1) {
      const previous = await store.getPublication(batch.id, version - 1);
      if (previous) {
        const d = diffPublications(parsePublication(previous.json), pub);
        changes = { restored: d.restored.length, added: d.added.length };
        // Checked before the attachment is built; the store checks it again when it writes.
        assertAdjustmentPublishable(batch.details, batch.listRevision, changes);
        diff = JSON.stringify(d);
      }
    }
    const excel = await exportPublication(pub, { timeZone: deps.timeZone });
    publication = {
      version,
      publishedAt: pub.publishedAt,
      documentNumber: details.documentNumber ?? null,
      reason,
      sha256: pub.sha256,
      json,
      excel: new Uint8Array(excel),
      diff,
    };
    if (changes) publication.changes = changes;
  }
  const next = await store.transitionBatch(batch.id, plan, ctx, publication);
  return { batch: next, publication };
}

/** The passed 合法性审查 the publication names: the adjustment's own when it had one, else the batch's. */
function legalReviewRecord(details: BatchDetails) {
  const review = details.adjustment?.legalReview ?? details.legalReview;
  if (review?.result !== 'passed') return null;
  const own = review as { documentNumber?: string; reviewer?: string; reviewedAt?: string };
  return {
    documentNumber: own.documentNumber ?? null,
    reviewer: own.reviewer ?? null,
    reviewedAt: own.reviewedAt ?? null,
  };
}
