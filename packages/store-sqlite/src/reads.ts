import type { AuditQuery, MaterialQuery } from '@jianzheng/core';
import {
  auditFromRow,
  auditListQuery,
  batchFromRow,
  commentFromRow,
  commentListQuery,
  materialFromRow,
  materialListQuery,
  type PagedQuery,
  publicationFromRow,
  publicationMetaFromRow,
  type StoreReadMethods,
  type StoreRow,
  transitionFromRow,
} from '@jianzheng/core/store-sql';
import type { SqlitePlanRunner } from './plan-runner';

type Row = StoreRow;

/** The SQLite store's reads: plain statements on this thread's connection (WAL: never blocked by a write). */
export function sqliteReads(run: SqlitePlanRunner, maxPage: number): StoreReadMethods {
  const all = (sql: string, ...params: unknown[]) => run.statement(sql).all(...params) as Row[];
  const paged = <T>({ count, page, limit, offset }: PagedQuery, map: (row: Row) => T) => {
    const total = Number((run.statement(count.sql).get(...count.params) as { n: number }).n);
    return { total, offset, limit, items: all(page.sql, ...page.params).map(map) };
  };
  return {
    async getBatch(id) {
      const row = run.row('batch', id);
      return row ? batchFromRow(row) : undefined;
    },

    async listBatches() {
      return run.rows('batches').map(batchFromRow);
    },

    async listMaterials(batchId, query: MaterialQuery = {}) {
      // With materials_search the LIKE terms are evaluated on index entries; full (wide) rows are
      // read only for the rows of the page.
      return paged(materialListQuery(batchId, query, maxPage), materialFromRow);
    },

    async allMaterials(batchId) {
      return run.rows('materials', batchId).map(materialFromRow);
    },

    async getMaterial(batchId, materialId) {
      const row = run.row('material', batchId, materialId);
      return row ? materialFromRow(row) : undefined;
    },

    async listTransitions(batchId) {
      return run.rows('transitions', batchId).map(transitionFromRow);
    },

    async listPublications(batchId) {
      const rows = batchId ? run.rows('batchPublications', batchId) : run.rows('publications');
      return rows.map(publicationMetaFromRow);
    },

    async getPublication(batchId, version) {
      const row =
        version === undefined
          ? run.row('latestPublication', batchId)
          : run.row('publication', batchId, version);
      return row ? publicationFromRow(row) : undefined;
    },

    async listComments(batchId, filter = {}) {
      const { sql, params } = commentListQuery(batchId, filter);
      return all(sql, ...params).map(commentFromRow);
    },

    async countUnansweredComments(batchId) {
      return run.count('unansweredComments', batchId);
    },

    async listAudit(query: AuditQuery = {}) {
      return paged(auditListQuery(query, maxPage), auditFromRow);
    },
  };
}
