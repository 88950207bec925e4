import type { CaseOutcome, CaseQuery, CaseRecord, NewCase, WriteContext } from '@jianzheng/core';
import {
  caseFromRow,
  planAnswerCaseWrite,
  planCloseCaseWrite,
  planCreateCase,
  type StoreRow,
} from '@jianzheng/core/store-sql';
import type { SqliteConnection } from './driver';
import type { SqlitePlanRunner } from './plan-runner';

/** The supervision cases table (domain.md §12), added by migration 3. */
export const CASES_MIGRATION_SQL = `
  CREATE TABLE cases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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
      const where: string[] = [];
      const params: unknown[] = [];
      for (const [column, value] of [
        ['batch_id', query.batchId],
        ['department', query.department],
        ['status', query.status],
      ] as const) {
        if (!value) continue;
        where.push(`${column} = ?`);
        params.push(value);
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const limit = Math.min(query.limit ?? 10_000, 10_000);
      const rows = run.statement(`SELECT * FROM cases ${clause} ORDER BY id LIMIT ? OFFSET ?`);
      return (rows.all(...params, limit, query.offset ?? 0) as StoreRow[]).map(caseFromRow);
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
