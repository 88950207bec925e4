import {
  type CaseOutcome,
  type CaseQuery,
  type CaseRecord,
  caseForAudit,
  caseFromRow,
  type NewCase,
  NotFoundError,
  planCaseAnswer,
  planCaseClose,
  type WriteContext,
} from '@jianzheng/core';
import type { SqliteConnection } from './driver';

type Row = Record<string, unknown>;

/** Appends an audit entry inside the caller's transaction (the store's own `audit`). */
export type AuditWriter = (
  ctx: WriteContext,
  at: string,
  action: string,
  batchId: string | null,
  target: string | null,
  before: unknown,
  after: unknown,
) => void;

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
 * case, runs core's guard on what it read (`planCaseAnswer`, `planCaseClose`), writes and audits.
 */
export function sqliteCaseMethods(
  db: SqliteConnection,
  audit: AuditWriter,
  stamp: (ctx: WriteContext) => string,
) {
  const select = db.prepare('SELECT * FROM cases WHERE id = ?');
  const requireCase = (id: number): CaseRecord => {
    const row = select.get(id) as Row | undefined;
    if (!row) throw new NotFoundError('case', String(id), '督查件');
    return caseFromRow(row);
  };
  const insert = db.prepare(
    `INSERT INTO cases (batch_id, material_id, material_name, item_name, department, place, happened_on,
       description, contact, status, due_on, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'assigned', ?, ?)`,
  );
  const update = db.prepare('UPDATE cases SET status = ?, answer = ?, closed = ? WHERE id = ?');
  const write = <T>(fn: () => T): T => db.transaction(fn).immediate();

  return {
    async createCase(input: NewCase, ctx: WriteContext): Promise<CaseRecord> {
      const at = stamp(ctx);
      return write(() => {
        const result = insert.run(
          input.batchId,
          input.materialId,
          input.materialName,
          input.itemName,
          input.department,
          input.place,
          input.happenedOn,
          input.description,
          input.contact ?? null,
          input.dueOn,
          at,
        );
        const created = requireCase(Number(result.lastInsertRowid));
        audit(ctx, at, 'case.create', created.batchId, `case:${created.number}`, null, caseForAudit(created));
        audit(ctx, at, 'case.assign', created.batchId, `case:${created.number}`, null, {
          department: created.department,
          dueOn: created.dueOn,
        });
        return created;
      });
    },

    async getCase(id: number): Promise<CaseRecord | undefined> {
      const row = select.get(id) as Row | undefined;
      return row ? caseFromRow(row) : undefined;
    },

    async listCases(query: CaseQuery = {}): Promise<CaseRecord[]> {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.batchId) {
        where.push('batch_id = ?');
        params.push(query.batchId);
      }
      if (query.department) {
        where.push('department = ?');
        params.push(query.department);
      }
      if (query.status) {
        where.push('status = ?');
        params.push(query.status);
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const limit = Math.min(query.limit ?? 10_000, 10_000);
      return (
        db
          .prepare(`SELECT * FROM cases ${clause} ORDER BY id LIMIT ? OFFSET ?`)
          .all(...params, limit, query.offset ?? 0) as Row[]
      ).map(caseFromRow);
    },

    async answerCase(
      id: number,
      answer: { outcome: CaseOutcome; note: string },
      ctx: WriteContext,
    ): Promise<CaseRecord> {
      const at = stamp(ctx);
      return write(() => {
        const current = requireCase(id);
        const next = planCaseAnswer(current, answer, ctx.actor, at);
        update.run(next.status, JSON.stringify(next.answer), null, id);
        audit(
          ctx,
          at,
          'case.answer',
          current.batchId,
          `case:${current.number}`,
          { status: current.status },
          next,
        );
        return requireCase(id);
      });
    },

    async closeCase(id: number, note: string | null, ctx: WriteContext): Promise<CaseRecord> {
      const at = stamp(ctx);
      return write(() => {
        const current = requireCase(id);
        const next = planCaseClose(current, note, ctx.actor, at);
        update.run(next.status, JSON.stringify(current.answer), JSON.stringify(next.closed), id);
        audit(
          ctx,
          at,
          'case.close',
          current.batchId,
          `case:${current.number}`,
          { status: current.status },
          next,
        );
        return requireCase(id);
      });
    },
  };
}
