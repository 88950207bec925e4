import type { AuditQuery, MaterialQuery } from '@jianzheng/core';
import {
  auditFromRow,
  auditListQuery,
  batchFromRow,
  commentFromRow,
  commentListQuery,
  type ListQuery,
  materialFromRow,
  materialListQuery,
  numberedPlaceholders,
  type PagedQuery,
  publicationFromRow,
  publicationMetaFromRow,
  type StoreReadMethods,
  type StoreRow,
  transitionFromRow,
} from '@jianzheng/core/store-sql';
import type pg from 'pg';
import { postgresPlans as plans } from './plan-runner';

/** The PostgreSQL store's reads, on any pooled connection (they never wait for a write's locks). */
export function postgresReads(pool: pg.Pool, maxPage: number): StoreReadMethods {
  const query = async ({ sql, params }: ListQuery) =>
    (await pool.query(numberedPlaceholders(sql), params)).rows as StoreRow[];
  const paged = async <T>({ count, page, limit, offset }: PagedQuery, map: (row: StoreRow) => T) => {
    const [counted] = await query(count);
    return { total: Number(counted!.n), offset, limit, items: (await query(page)).map(map) };
  };

  return {
    async getBatch(id) {
      const [row] = await plans.rows(pool, 'batch', [id]);
      return row ? batchFromRow(row) : undefined;
    },

    async listBatches() {
      return (await plans.rows(pool, 'batches', [])).map(batchFromRow);
    },

    async listMaterials(batchId, options: MaterialQuery = {}) {
      return paged(materialListQuery(batchId, options, maxPage), materialFromRow);
    },

    async allMaterials(batchId) {
      return (await plans.rows(pool, 'materials', [batchId])).map(materialFromRow);
    },

    async getMaterial(batchId, materialId) {
      const [row] = await plans.rows(pool, 'material', [batchId, materialId]);
      return row ? materialFromRow(row) : undefined;
    },

    async listTransitions(batchId) {
      return (await plans.rows(pool, 'transitions', [batchId])).map(transitionFromRow);
    },

    async listPublications(batchId) {
      const found = batchId
        ? await plans.rows(pool, 'batchPublications', [batchId])
        : await plans.rows(pool, 'publications', []);
      return found.map(publicationMetaFromRow);
    },

    async getPublication(batchId, version) {
      const [row] =
        version === undefined
          ? await plans.rows(pool, 'latestPublication', [batchId])
          : await plans.rows(pool, 'publication', [batchId, version]);
      return row ? publicationFromRow(row) : undefined;
    },

    async listComments(batchId, filter = {}) {
      return (await query(commentListQuery(batchId, filter))).map(commentFromRow);
    },

    async countUnansweredComments(batchId) {
      return plans.count(pool, 'unansweredComments', [batchId]);
    },

    async listAudit(options: AuditQuery = {}) {
      return paged(auditListQuery(options, maxPage), auditFromRow);
    },
  };
}
