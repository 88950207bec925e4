import type { CaseOutcome, CaseQuery, CaseRecord, NewCase, WriteContext } from '@jianzheng/core';
import {
  caseFromRow,
  caseListQuery,
  numberedPlaceholders,
  planAnswerCaseWrite,
  planCloseCaseWrite,
  planCreateCase,
  type StoreRow,
} from '@jianzheng/core/store-sql';
import type pg from 'pg';
import { postgresPlans as plans, type Tx } from './plan-runner';

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
      const { sql, params } = caseListQuery(query);
      return ((await pool.query(numberedPlaceholders(sql), params)).rows as StoreRow[]).map(caseFromRow);
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
