import type { AuditQuery, MaterialQuery } from '@jianzheng/core';
import { materialQueryText } from '@jianzheng/core';
import {
  auditFromRow,
  batchFromRow,
  commentFromRow,
  materialFromRow,
  publicationFromRow,
  publicationMetaFromRow,
  type StoreReadMethods,
  type StoreRow,
  transitionFromRow,
} from '@jianzheng/core/store-sql';
import type { SqlitePlanRunner } from './plan-runner';

type Row = StoreRow;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The SQLite store's reads: plain statements on this thread's connection (WAL: never blocked by a write). */
export function sqliteReads(run: SqlitePlanRunner, maxPage: number): StoreReadMethods {
  const all = (sql: string, ...params: unknown[]) => run.statement(sql).all(...params) as Row[];
  return {
    async getBatch(id) {
      const row = run.row('batch', id);
      return row ? batchFromRow(row) : undefined;
    },

    async listBatches() {
      return all('SELECT * FROM batches ORDER BY created_at, id').map(batchFromRow);
    },

    async listMaterials(batchId, query: MaterialQuery = {}) {
      const where = ['batch_id = ?'];
      const params: unknown[] = [batchId];
      for (const key of ['department', 'verdict', 'category', 'agreement', 'status'] as const) {
        if (!query[key]) continue;
        where.push(`${key} = ?`);
        params.push(query[key]);
      }
      const q = materialQueryText(query.q);
      if (q) {
        where.push("(item_name LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')");
        const like = `%${escapeLike(q)}%`;
        params.push(like, like);
      }
      const limit = Math.max(1, Math.min(query.limit ?? 50, maxPage));
      const offset = Math.max(0, query.offset ?? 0);
      const clause = where.join(' AND ');
      const total = (
        run.statement(`SELECT COUNT(*) AS n FROM materials WHERE ${clause}`).get(...params) as { n: number }
      ).n;
      // With materials_search the LIKE terms are evaluated on index entries; full (wide) rows are
      // read only for the rows of the page.
      const sql = `SELECT * FROM materials WHERE ${clause} ORDER BY department, seq LIMIT ? OFFSET ?`;
      const items = all(sql, ...params, limit, offset).map(materialFromRow);
      return { total, offset, limit, items };
    },

    async allMaterials(batchId) {
      return all('SELECT * FROM materials WHERE batch_id = ? ORDER BY seq', batchId).map(materialFromRow);
    },

    async getMaterial(batchId, materialId) {
      const row = run.row('material', batchId, materialId);
      return row ? materialFromRow(row) : undefined;
    },

    async listTransitions(batchId) {
      return all('SELECT * FROM transitions WHERE batch_id = ? ORDER BY seq', batchId).map(transitionFromRow);
    },

    async listPublications(batchId) {
      const columns = 'batch_id, version, published_at, document_number, reason, sha256';
      const rows = batchId
        ? all(`SELECT ${columns} FROM publications WHERE batch_id = ? ORDER BY version`, batchId)
        : all(`SELECT ${columns} FROM publications ORDER BY batch_id, version`);
      return rows.map(publicationMetaFromRow);
    },

    async getPublication(batchId, version) {
      const row = (
        version === undefined
          ? run
              .statement('SELECT * FROM publications WHERE batch_id = ? ORDER BY version DESC LIMIT 1')
              .get(batchId)
          : run
              .statement('SELECT * FROM publications WHERE batch_id = ? AND version = ?')
              .get(batchId, version)
      ) as Row | undefined;
      return row ? publicationFromRow(row) : undefined;
    },

    async listComments(batchId, filter = {}) {
      const where = ['batch_id = ?'];
      const params: unknown[] = [batchId];
      if (filter.materialId) {
        where.push('material_id = ?');
        params.push(filter.materialId);
      }
      if (filter.unanswered) where.push('answer IS NULL');
      return all(`SELECT * FROM comments WHERE ${where.join(' AND ')} ORDER BY id`, ...params).map(
        commentFromRow,
      );
    },

    async countUnansweredComments(batchId) {
      return run.count('unansweredComments', batchId);
    },

    async listAudit(query: AuditQuery = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.batchId) {
        where.push('batch_id = ?');
        params.push(query.batchId);
      }
      if (query.action) {
        where.push('action = ?');
        params.push(query.action);
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const limit = Math.max(1, Math.min(query.limit ?? 100, maxPage));
      const offset = Math.max(0, query.offset ?? 0);
      const total = (
        run.statement(`SELECT COUNT(*) AS n FROM audit_log ${clause}`).get(...params) as { n: number }
      ).n;
      const sql = `SELECT * FROM audit_log ${clause} ORDER BY seq LIMIT ? OFFSET ?`;
      const items = all(sql, ...params, limit, offset).map(auditFromRow);
      return { total, offset, limit, items };
    },
  };
}
