import type { AuditAction } from '../audit';
import type { StoreRow } from '../rows';
import type { StoreStatementName } from '../statements';
import type { WriteContext } from '../types';

/** One row write of a plan: a statement of `STORE_STATEMENTS` and its parameters, in order. */
export interface PlannedStatement {
  sql: StoreStatementName;
  params: unknown[];
  /** Thrown when the statement changes no row (an `ON CONFLICT DO NOTHING` insert that met its key). */
  conflict?: Error;
}

/** An entry a write appends to the audit log, as `insertAudit` takes it. */
export interface PlannedAudit {
  at: string;
  actor: string;
  role: string;
  action: AuditAction;
  batchId: string | null;
  target: string | null;
  before: unknown;
  after: unknown;
}

/**
 * What one store write does, computed by core from what the adapter read inside its transaction:
 * the guards have passed (a planner throws the guard's error instead), `statements` are the rows
 * to write in order, `audit` the entries to append after them, `result` what the method returns.
 * An adapter runs it in its dialect (`STORE_STATEMENTS`) and commits — nothing else.
 */
export interface WritePlan<T> {
  /** In order; an import yields its rows as they are written (run them once). */
  statements: Iterable<PlannedStatement>;
  audit: PlannedAudit[];
  result: T;
}

/**
 * A write whose row id the database assigns (comments, cases): the adapter runs `insert` (a
 * statement ending `RETURNING *`), then the plan `afterInsert` makes of the inserted row.
 */
export interface InsertPlan<T> {
  insert: PlannedStatement;
  afterInsert(row: StoreRow): WritePlan<T>;
}

export function plannedAudit(
  ctx: WriteContext,
  at: string,
  action: AuditAction,
  batchId: string | null,
  target: string | null,
  before: unknown,
  after: unknown,
): PlannedAudit {
  return { at, actor: ctx.actor.id, role: ctx.actor.role, action, batchId, target, before, after };
}

const text = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** The parameters of `insertAudit` for an entry (JSON as text; `undefined` is none). */
export function auditParams(entry: PlannedAudit): unknown[] {
  return [
    entry.at,
    entry.actor,
    entry.role,
    entry.action,
    entry.batchId,
    entry.target,
    text(entry.before),
    text(entry.after),
  ];
}

/** A value as the store gives it back: the JSON round trip its text column makes. */
export function stored<T>(value: T): T {
  return value == null ? value : (JSON.parse(JSON.stringify(value)) as T);
}
