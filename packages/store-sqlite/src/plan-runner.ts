import {
  auditParams,
  type InsertPlan,
  type PlannedStatement,
  STORE_READS,
  STORE_STATEMENTS,
  type StoreReadName,
  type StoreRow,
  type StoreStatementName,
  type WritePlan,
} from '@jianzheng/core/store-sql';
import type { SqliteConnection, SqliteStatement } from './driver';

/** Runs core's write plans and guard reads on one connection, inside the caller's transaction. */
export interface SqlitePlanRunner {
  /** The plan's statements in order, then its audit entries; returns the plan's result. */
  execute<T>(plan: WritePlan<T>): T;
  /** The insert (`RETURNING *`), then the plan made of the inserted row. */
  insert<T>(plan: InsertPlan<T>): T;
  /** One row of a guard read. */
  row(name: StoreReadName, ...params: unknown[]): StoreRow | undefined;
  /** Every row of a guard read. */
  rows(name: StoreReadName, ...params: unknown[]): StoreRow[];
  /** The `n` of a counting read. */
  count(name: StoreReadName, ...params: unknown[]): number;
  /** A statement compiled once per connection (filtered queries are built from a few clauses). */
  statement(sql: string): SqliteStatement;
}

// The drivers bind a Buffer as a BLOB; a plain Uint8Array (a publication's workbook) is wrapped.
const bindable = (value: unknown) =>
  value instanceof Uint8Array && !Buffer.isBuffer(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : value;

// Only these statements carry bytes; the others skip the per-row check (an import runs thousands).
const WITH_BYTES: ReadonlySet<StoreStatementName> = new Set(['insertPublication', 'restorePublication']);

export function sqlitePlanRunner(db: SqliteConnection): SqlitePlanRunner {
  const statements = new Map<string, SqliteStatement>();
  const statement = (sql: string) => {
    let prepared = statements.get(sql);
    if (!prepared) {
      prepared = db.prepare(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  };
  const run = ({ sql, params, conflict }: PlannedStatement) => {
    const info = statement(STORE_STATEMENTS[sql]).run(
      ...(WITH_BYTES.has(sql) ? params.map(bindable) : params),
    );
    if (conflict && info.changes === 0) throw conflict;
  };
  const execute = <T>(plan: WritePlan<T>): T => {
    for (const step of plan.statements) run(step);
    const audit = statement(STORE_STATEMENTS.insertAudit);
    for (const entry of plan.audit) audit.run(...auditParams(entry));
    return plan.result;
  };
  return {
    execute,
    insert: (plan) =>
      execute(
        plan.afterInsert(statement(STORE_STATEMENTS[plan.insert.sql]).get(...plan.insert.params) as StoreRow),
      ),
    row: (name, ...params) => statement(STORE_READS[name]).get(...params) as StoreRow | undefined,
    rows: (name, ...params) => statement(STORE_READS[name]).all(...params) as StoreRow[],
    count: (name, ...params) => Number((statement(STORE_READS[name]).get(...params) as { n: number }).n),
    statement,
  };
}
