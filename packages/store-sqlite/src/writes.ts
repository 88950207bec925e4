import { checksLegalQueue, type WriteContext } from '@jianzheng/core';
import {
  type BatchWriteMethods,
  commentFromRow,
  existingMaterialFromRow,
  existingMaterialsSql,
  materialFromRow,
  planAddComment,
  planAnswerComment,
  planCreateBatch,
  planImportWrite,
  planMaterialChange,
  planTransitionWrite,
  requireBatchRow,
  type StoreRow,
} from '@jianzheng/core/store-sql';
import type { SqliteConnection } from './driver';
import type { SqlitePlanRunner } from './plan-runner';

/**
 * The list's writes of the SQLite store: each one IMMEDIATE transaction (the write lock is taken
 * before the first read, so no other connection's write slips between core's checks and the
 * rows) that reads what core's planner needs, runs the plan and commits.
 */
export function sqliteBatchWrites(
  db: SqliteConnection,
  run: SqlitePlanRunner,
  stamp: (ctx: WriteContext) => string,
): BatchWriteMethods {
  const immediate = <T>(fn: () => T): T => db.transaction(fn).immediate();
  const batch = (id: string) => requireBatchRow(run.row('batch', id), id);
  const material = (batchId: string, id: string) => {
    const row = run.row('material', batchId, id);
    return row ? materialFromRow(row) : undefined;
  };

  return {
    async createBatch(input, ctx) {
      const at = stamp(ctx);
      return immediate(() => run.execute(planCreateBatch(input, ctx, at)));
    },

    async importMaterials(batchId, input, ctx) {
      const at = stamp(ctx);
      return immediate(() => {
        const departments = [...new Set(input.departments)];
        const existing = departments.length
          ? run.statement(existingMaterialsSql(departments.length)).all(batchId, ...departments)
          : [];
        const read = {
          batch: batch(batchId),
          existing: (existing as StoreRow[]).map(existingMaterialFromRow),
          maxSeq: run.count('maxSeq', batchId),
        };
        return run.execute(planImportWrite(read, input, ctx, at));
      });
    },

    async updateMaterial(batchId, materialId, expectedVersion, change, ctx) {
      const at = stamp(ctx);
      return immediate(() => {
        const read = { batch: batch(batchId), material: material(batchId, materialId) };
        return run.execute(planMaterialChange(read, materialId, expectedVersion, change, ctx, at));
      });
    },

    async transitionBatch(batchId, plan, ctx, publication) {
      const at = stamp(ctx);
      return immediate(() => {
        const read = {
          batch: batch(batchId),
          materialCount: run.count('materialCount', batchId),
          unansweredComments: run.count('unansweredComments', batchId),
          legalQueue: checksLegalQueue(plan) ? run.rows('legalQueue', batchId) : [],
        };
        return run.execute(planTransitionWrite(read, plan, ctx, at, publication));
      });
    },

    async addComment(batchId, comment, ctx) {
      const at = stamp(ctx);
      return immediate(() => {
        const read = {
          batch: batch(batchId),
          materialExists: run.row('material', batchId, comment.materialId) !== undefined,
        };
        return run.insert(planAddComment(read, comment, ctx, at));
      });
    },

    async answerComment(batchId, commentId, answer, ctx) {
      const at = stamp(ctx);
      return immediate(() => {
        const row = run.row('comment', commentId, batchId);
        return run.execute(planAnswerComment(row && commentFromRow(row), commentId, answer, ctx, at));
      });
    },
  };
}
