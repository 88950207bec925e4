import type { CaseOutcome, CaseQuery, CaseRecord, NewCase, WriteContext } from '@jianzheng/core';
import {
  caseFromRow,
  planAnswerCaseWrite,
  planCloseCaseWrite,
  planCreateCase,
  type StoreRow,
} from '@jianzheng/core/store-sql';
import type pg from 'pg';
import { postgresPlans as plans, type Tx } from './plan-runner';

/** The supervision cases table (domain.md §12). */
export const CASES_MIGRATION_SQL = `
  CREATE TABLE cases (
    id BIGSERIAL PRIMARY KEY,
    batch_id TEXT NOT NULL REFERENCES batches(id),
    material_id TEXT NOT NULL,
    material_name TEXT NOT NULL,
    item_name TEXT NOT NULL,
    department TEXT NOT NULL,
    place TEXT NOT NULL,
    happened_on TEXT NOT NULL,
    description TEXT NOT NULL,
    contact TEXT,
    status TEXT NOT NULL,
    due_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    answer TEXT,
    closed TEXT
  );
  CREATE INDEX cases_by_department ON cases (department, status, id);
  CREATE INDEX cases_by_batch ON cases (batch_id, id);
`;

/**
 * The case methods of the PostgreSQL store: answering and closing lock the case row
 * (`FOR UPDATE`) and run the plan core makes of it, so concurrent answers cannot both land.
 */
export function postgresCaseMethods(
  pool: pg.Pool,
  tx: <T>(fn: (client: Tx) => Promise<T>) => Promise<T>,
  stamp: (ctx: WriteContext) => string,
) {
  const locked = async (client: Tx, id: number) => {
    const [row] = await plans.rows(client, 'case', [id], 'update');
    return row ? caseFromRow(row) : undefined;
  };
  return {
    async createCase(input: NewCase, ctx: WriteContext): Promise<CaseRecord> {
      const at = stamp(ctx);
      return tx((client) => plans.insert(client, planCreateCase(input, ctx, at)));
    },

    async getCase(id: number): Promise<CaseRecord | undefined> {
      const [row] = await plans.rows(pool, 'case', [id]);
      return row ? caseFromRow(row) : undefined;
    },

    async listCases(query: CaseQuery = {}): Promise<CaseRecord[]> {
      const where: string[] = [];
      const params: unknown[] = [];
      for (const [column, value] of [
        ['batch_id', query.batchId],
        ['department', query.department],
        ['status', query.status],
      ] as const) {
        if (!value) continue;
        params.push(value);
        where.push(`${column} = $${params.length}`);
      }
      params.push(Math.min(query.limit ?? 10_000, 10_000), query.offset ?? 0);
      const sql = `SELECT * FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT $${params.length - 1} OFFSET $${params.length}`;
      return ((await pool.query(sql, params)).rows as StoreRow[]).map(caseFromRow);
    },

    async answerCase(id: number, answer: { outcome: CaseOutcome; note: string }, ctx: WriteContext) {
      const at = stamp(ctx);
      return tx(async (client) =>
        plans.execute(client, planAnswerCaseWrite(await locked(client, id), id, answer, ctx, at)),
      );
    },

    async closeCase(id: number, note: string | null, ctx: WriteContext) {
      const at = stamp(ctx);
      return tx(async (client) =>
        plans.execute(client, planCloseCaseWrite(await locked(client, id), id, note, ctx, at)),
      );
    },
  };
}
