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
import type pg from 'pg';
import { postgresPlans as plans } from './plan-runner';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The PostgreSQL store's reads, on any pooled connection (they never wait for a write's locks). */
export function postgresReads(pool: pg.Pool, maxPage: number): StoreReadMethods {
  const rows = async (sql: string, params: unknown[] = []) =>
    (await pool.query(sql, params)).rows as StoreRow[];
  /** `WHERE` clauses with numbered placeholders, in the order their values were added. */
  const conditions = (params: unknown[]) => {
    const where: string[] = [];
    return {
      where,
      add(clause: string, value: unknown) {
        params.push(value);
        where.push(clause.replace('?', `$${params.length}`));
      },
    };
  };
  const page = async (from: string, clause: string, order: string, params: unknown[]) => {
    const offset = params.length;
    const [count] = await rows(`SELECT COUNT(*) AS n FROM ${from} ${clause}`, params);
    const sql = `SELECT * FROM ${from} ${clause} ORDER BY ${order} LIMIT $${offset + 1} OFFSET $${offset + 2}`;
    return { total: Number(count!.n), sql };
  };

  return {
    async getBatch(id) {
      const [row] = await plans.rows(pool, 'batch', [id]);
      return row ? batchFromRow(row) : undefined;
    },

    async listBatches() {
      return (await rows('SELECT * FROM batches ORDER BY created_at, id')).map(batchFromRow);
    },

    async listMaterials(batchId, query: MaterialQuery = {}) {
      const params: unknown[] = [batchId];
      const { where, add } = conditions(params);
      where.push('batch_id = $1');
      for (const key of ['department', 'verdict', 'category', 'agreement', 'status'] as const) {
        if (query[key]) add(`${key} = ?`, query[key]);
      }
      const q = materialQueryText(query.q);
      if (q) {
        params.push(`%${escapeLike(q)}%`);
        const p = `$${params.length}`;
        where.push(`(item_name LIKE ${p} ESCAPE '\\' OR name LIKE ${p} ESCAPE '\\')`);
      }
      const limit = Math.max(1, Math.min(query.limit ?? 50, maxPage));
      const offset = Math.max(0, query.offset ?? 0);
      const { total, sql } = await page(
        'materials',
        `WHERE ${where.join(' AND ')}`,
        'department, seq',
        params,
      );
      const items = (await rows(sql, [...params, limit, offset])).map(materialFromRow);
      return { total, offset, limit, items };
    },

    async allMaterials(batchId) {
      return (await rows('SELECT * FROM materials WHERE batch_id = $1 ORDER BY seq', [batchId])).map(
        materialFromRow,
      );
    },

    async getMaterial(batchId, materialId) {
      const [row] = await plans.rows(pool, 'material', [batchId, materialId]);
      return row ? materialFromRow(row) : undefined;
    },

    async listTransitions(batchId) {
      return (await rows('SELECT * FROM transitions WHERE batch_id = $1 ORDER BY seq', [batchId])).map(
        transitionFromRow,
      );
    },

    async listPublications(batchId) {
      const columns = 'batch_id, version, published_at, document_number, reason, sha256';
      const found = batchId
        ? await rows(`SELECT ${columns} FROM publications WHERE batch_id = $1 ORDER BY version`, [batchId])
        : await rows(`SELECT ${columns} FROM publications ORDER BY batch_id, version`);
      return found.map(publicationMetaFromRow);
    },

    async getPublication(batchId, version) {
      const [row] =
        version === undefined
          ? await rows('SELECT * FROM publications WHERE batch_id = $1 ORDER BY version DESC LIMIT 1', [
              batchId,
            ])
          : await rows('SELECT * FROM publications WHERE batch_id = $1 AND version = $2', [batchId, version]);
      return row ? publicationFromRow(row) : undefined;
    },

    async listComments(batchId, filter = {}) {
      const params: unknown[] = [batchId];
      const { where, add } = conditions(params);
      where.push('batch_id = $1');
      if (filter.materialId) add('material_id = ?', filter.materialId);
      if (filter.unanswered) where.push('answer IS NULL');
      return (await rows(`SELECT * FROM comments WHERE ${where.join(' AND ')} ORDER BY id`, params)).map(
        commentFromRow,
      );
    },

    async countUnansweredComments(batchId) {
      return plans.count(pool, 'unansweredComments', [batchId]);
    },

    async listAudit(query: AuditQuery = {}) {
      const params: unknown[] = [];
      const { where, add } = conditions(params);
      if (query.batchId) add('batch_id = ?', query.batchId);
      if (query.action) add('action = ?', query.action);
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const limit = Math.max(1, Math.min(query.limit ?? 100, maxPage));
      const offset = Math.max(0, query.offset ?? 0);
      const { total, sql } = await page('audit_log', clause, 'seq', params);
      const items = (await rows(sql, [...params, limit, offset])).map(auditFromRow);
      return { total, offset, limit, items };
    },
  };
}
