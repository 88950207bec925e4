import { checksLegalQueue, type WriteContext } from '@jianzheng/core';
import {
  type BatchWriteMethods,
  commentFromRow,
  existingMaterialFromRow,
  existingMaterialsSql,
  materialFromRow,
  numberedPlaceholders,
  planAddComment,
  planAnswerComment,
  planCreateBatch,
  planImportWrite,
  planMaterialChange,
  planTransitionWrite,
  requireBatchRow,
} from '@jianzheng/core/store-sql';
import { postgresPlans as plans, type ReadLock, type Tx } from './plan-runner';

/**
 * The list's writes of the PostgreSQL store. Each transaction locks the batch row before it reads
 * what core's planner checks (`FOR UPDATE`; `FOR SHARE` for writes that only need the stage to
 * stay put), so writes to one batch are serialised across instances, then runs the plan.
 */
export function postgresBatchWrites(
  tx: <T>(fn: (client: Tx) => Promise<T>) => Promise<T>,
  stamp: (ctx: WriteContext) => string,
): BatchWriteMethods {
  const lockBatch = async (client: Tx, id: string, lock: ReadLock = 'update') =>
    requireBatchRow((await plans.rows(client, 'batch', [id], lock))[0], id);

  return {
    async createBatch(input, ctx) {
      const at = stamp(ctx);
      return tx((client) => plans.execute(client, planCreateBatch(input, ctx, at)));
    },

    async importMaterials(batchId, input, ctx) {
      const at = stamp(ctx);
      return tx(async (client) => {
        const batch = await lockBatch(client, batchId);
        const departments = [...new Set(input.departments)];
        const existing = departments.length
          ? await client.query(numberedPlaceholders(existingMaterialsSql(departments.length)), [
              batchId,
              ...departments,
            ])
          : { rows: [] };
        const maxSeq = await plans.count(client, 'maxSeq', [batchId]);
        const read = { batch, existing: existing.rows.map(existingMaterialFromRow), maxSeq };
        return plans.execute(client, planImportWrite(read, input, ctx, at));
      });
    },

    async updateMaterial(batchId, materialId, expectedVersion, change, ctx) {
      const at = stamp(ctx);
      return tx(async (client) => {
        // A review changes the list (its revision, maybe the adjustment draft): exclusive. An
        // annotation only needs the stage to stay put while it writes.
        const batch = await lockBatch(client, batchId, change.kind === 'review' ? 'update' : 'share');
        const [row] = await plans.rows(client, 'material', [batchId, materialId], 'update');
        const read = { batch, material: row && materialFromRow(row) };
        return plans.execute(client, planMaterialChange(read, materialId, expectedVersion, change, ctx, at));
      });
    },

    async transitionBatch(batchId, plan, ctx, publication) {
      const at = stamp(ctx);
      return tx(async (client) => {
        const batch = await lockBatch(client, batchId);
        const materialCount = await plans.count(client, 'materialCount', [batchId]);
        const unansweredComments = await plans.count(client, 'unansweredComments', [batchId]);
        const legalQueue = checksLegalQueue(plan) ? await plans.rows(client, 'legalQueue', [batchId]) : [];
        const read = { batch, materialCount, unansweredComments, legalQueue };
        return plans.execute(client, planTransitionWrite(read, plan, ctx, at, publication));
      });
    },

    async addComment(batchId, comment, ctx) {
      const at = stamp(ctx);
      return tx(async (client) => {
        // SHARE: comments do not wait for each other, but a transition (FOR UPDATE) waits for them
        // and they for it, so one never slips past the other's check.
        const batch = await lockBatch(client, batchId, 'share');
        const found = await plans.rows(client, 'material', [batchId, comment.materialId]);
        const read = { batch, materialExists: found.length > 0 };
        return plans.insert(client, planAddComment(read, comment, ctx, at));
      });
    },

    async answerComment(batchId, commentId, answer, ctx) {
      const at = stamp(ctx);
      return tx(async (client) => {
        const [row] = await plans.rows(client, 'comment', [commentId, batchId], 'update');
        const current = row && commentFromRow(row);
        return plans.execute(client, planAnswerComment(current, commentId, answer, ctx, at));
      });
    },
  };
}
