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
import type pg from 'pg';

type Tx = pg.PoolClient;
type Row = Record<string, unknown>;
type Audit = (
  client: Tx,
  ctx: WriteContext,
  at: string,
  action: string,
  batchId: string | null,
  target: string | null,
  before: unknown,
  after: unknown,
) => Promise<void>;

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
 * (`FOR UPDATE`) and run core's guard on what they read, so concurrent answers cannot both land.
 */
export function postgresCaseMethods(
  pool: pg.Pool,
  tx: <T>(fn: (client: Tx) => Promise<T>) => Promise<T>,
  stamp: (ctx: WriteContext) => string,
  audit: Audit,
) {
  const locked = async (client: Tx, id: number) => {
    const row = (await client.query('SELECT * FROM cases WHERE id = $1 FOR UPDATE', [id])).rows[0] as
      | Row
      | undefined;
    if (!row) throw new NotFoundError('case', String(id), '督查件');
    return caseFromRow(row);
  };
  return {
    async createCase(input: NewCase, ctx: WriteContext): Promise<CaseRecord> {
      const at = stamp(ctx);
      return tx(async (client) => {
        const row = (
          await client.query(
            `INSERT INTO cases (batch_id, material_id, material_name, item_name, department, place, happened_on,
               description, contact, status, due_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'assigned', $10, $11) RETURNING *`,
            [
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
            ],
          )
        ).rows[0] as Row;
        const created = caseFromRow(row);
        const target = `case:${created.number}`;
        await audit(client, ctx, at, 'case.create', created.batchId, target, null, caseForAudit(created));
        await audit(client, ctx, at, 'case.assign', created.batchId, target, null, {
          department: created.department,
          dueOn: created.dueOn,
        });
        return created;
      });
    },

    async getCase(id: number): Promise<CaseRecord | undefined> {
      const row = (await pool.query('SELECT * FROM cases WHERE id = $1', [id])).rows[0] as Row | undefined;
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
      return ((await pool.query(sql, params)).rows as Row[]).map(caseFromRow);
    },

    async answerCase(id: number, answer: { outcome: CaseOutcome; note: string }, ctx: WriteContext) {
      const at = stamp(ctx);
      return tx(async (client) => {
        const current = await locked(client, id);
        const next = planCaseAnswer(current, answer, ctx.actor, at);
        await client.query('UPDATE cases SET status = $1, answer = $2 WHERE id = $3', [
          next.status,
          JSON.stringify(next.answer),
          id,
        ]);
        await audit(
          client,
          ctx,
          at,
          'case.answer',
          current.batchId,
          `case:${current.number}`,
          { status: current.status },
          next,
        );
        return { ...current, ...next };
      });
    },

    async closeCase(id: number, note: string | null, ctx: WriteContext) {
      const at = stamp(ctx);
      return tx(async (client) => {
        const current = await locked(client, id);
        const next = planCaseClose(current, note, ctx.actor, at);
        await client.query('UPDATE cases SET status = $1, closed = $2 WHERE id = $3', [
          next.status,
          JSON.stringify(next.closed),
          id,
        ]);
        await audit(
          client,
          ctx,
          at,
          'case.close',
          current.batchId,
          `case:${current.number}`,
          { status: current.status },
          next,
        );
        return { ...current, ...next };
      });
    },
  };
}
