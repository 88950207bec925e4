import {
  auditParams,
  type InsertPlan,
  numberedPlaceholders,
  STORE_READS,
  STORE_STATEMENTS,
  type StoreReadName,
  type StoreRow,
  type StoreStatementName,
  type WritePlan,
} from '@jianzheng/core/store-sql';
import type pg from 'pg';

export type Tx = pg.PoolClient;

const numbered = <K extends string>(texts: Readonly<Record<K, string>>) =>
  Object.fromEntries(
    Object.entries<string>(texts).map(([name, sql]) => [name, numberedPlaceholders(sql)]),
  ) as Record<K, string>;
const WRITES = numbered<StoreStatementName>(STORE_STATEMENTS);
const READS = numbered<StoreReadName>(STORE_READS);

/** How a guard read locks the rows it reads until the transaction ends. */
export type ReadLock = 'update' | 'share' | 'none';
const LOCKS: Record<ReadLock, string> = { update: ' FOR UPDATE', share: ' FOR SHARE', none: '' };

/** Runs core's write plans and guard reads on a transaction's client. */
export const postgresPlans = {
  /** The plan's statements in order, then its audit entries; returns the plan's result. */
  async execute<T>(client: Tx, plan: WritePlan<T>): Promise<T> {
    for (const { sql, params, conflict } of plan.statements) {
      const result = await client.query(WRITES[sql], params);
      if (conflict && result.rowCount === 0) throw conflict;
    }
    for (const entry of plan.audit) await client.query(WRITES.insertAudit, auditParams(entry));
    return plan.result;
  },

  /** The insert (`RETURNING *`), then the plan made of the inserted row. */
  async insert<T>(client: Tx, plan: InsertPlan<T>): Promise<T> {
    const inserted = await client.query(WRITES[plan.insert.sql], plan.insert.params);
    return postgresPlans.execute(client, plan.afterInsert(inserted.rows[0] as StoreRow));
  },

  /** The rows of a guard read, locked as `lock` says. */
  async rows(client: Tx | pg.Pool, name: StoreReadName, params: unknown[], lock: ReadLock = 'none') {
    return (await client.query(READS[name] + LOCKS[lock], params)).rows as StoreRow[];
  },

  /** The `n` of a counting read. */
  async count(client: Tx | pg.Pool, name: StoreReadName, params: unknown[]): Promise<number> {
    return Number((await client.query(READS[name], params)).rows[0].n);
  },
};
