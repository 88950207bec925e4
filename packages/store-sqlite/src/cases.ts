import type { CaseOutcome, CaseQuery, CaseRecord, NewCase, WriteContext } from '@jianzheng/core';
import {
  caseFromRow,
  caseListQuery,
  planAnswerCaseWrite,
  planCloseCaseWrite,
  planCreateCase,
  type StoreRow,
} from '@jianzheng/core/store-sql';
import type { SqliteConnection } from './driver';
import type { SqlitePlanRunner } from './plan-runner';

/**
 * The case methods of the SQLite store. Each write is one IMMEDIATE transaction that reads the
 * case and runs the plan core makes of it (`planAnswerCaseWrite`, `planCloseCaseWrite`).
 */
export function sqliteCaseMethods(
  db: SqliteConnection,
  run: SqlitePlanRunner,
  stamp: (ctx: WriteContext) => string,
) {
  const write = <T>(fn: () => T): T => db.transaction(fn).immediate();
  const read = (id: number) => {
    const row = run.row('case', id);
    return row ? caseFromRow(row) : undefined;
  };

  return {
    async createCase(input: NewCase, ctx: WriteContext): Promise<CaseRecord> {
      const at = stamp(ctx);
      return write(() => run.insert(planCreateCase(input, ctx, at)));
    },

    async getCase(id: number): Promise<CaseRecord | undefined> {
      return read(id);
    },

    async listCases(query: CaseQuery = {}): Promise<CaseRecord[]> {
      const { sql, params } = caseListQuery(query);
      return (run.statement(sql).all(...params) as StoreRow[]).map(caseFromRow);
    },

    async answerCase(
      id: number,
      answer: { outcome: CaseOutcome; note: string },
      ctx: WriteContext,
    ): Promise<CaseRecord> {
      const at = stamp(ctx);
      return write(() => run.execute(planAnswerCaseWrite(read(id), id, answer, ctx, at)));
    },

    async closeCase(id: number, note: string | null, ctx: WriteContext): Promise<CaseRecord> {
      const at = stamp(ctx);
      return write(() => run.execute(planCloseCaseWrite(read(id), id, note, ctx, at)));
    },
  };
}
