import type { StoreSnapshot } from '@jianzheng/core';
import {
  planSnapshotImport,
  SNAPSHOT_QUERIES,
  SNAPSHOT_TABLES,
  type StoreRow,
  snapshotFromRows,
} from '@jianzheng/core/store-sql';
import type pg from 'pg';
import { postgresPlans as plans } from './plan-runner';

/** Everything the database holds, in write order (`jianzheng migrate`), read in one snapshot. */
export async function exportPostgresSnapshot(client: pg.PoolClient): Promise<StoreSnapshot> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const rows: Partial<Record<keyof StoreSnapshot, StoreRow[]>> = {};
    for (const [part, sql] of Object.entries(SNAPSHOT_QUERIES)) {
      rows[part as keyof StoreSnapshot] = (await client.query(sql)).rows;
    }
    await client.query('COMMIT');
    return snapshotFromRows(rows as Record<keyof StoreSnapshot, StoreRow[]>);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/**
 * Writes a snapshot into an empty database in one transaction, keeping ids, versions, sequence
 * numbers and times, then moves the sequences past the copied numbers.
 */
export async function importPostgresSnapshot(client: pg.PoolClient, snapshot: StoreSnapshot): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(`LOCK TABLE ${SNAPSHOT_TABLES.join(', ')} IN EXCLUSIVE MODE`);
    let occupied: string | undefined;
    for (const table of SNAPSHOT_TABLES) {
      if (!occupied && (await client.query(`SELECT 1 FROM ${table} LIMIT 1`)).rows.length) occupied = table;
    }
    await plans.execute(client, planSnapshotImport(snapshot, occupied));
    for (const [table, column] of [
      ['transitions', 'seq'],
      ['comments', 'id'],
      ['audit_log', 'seq'],
      ['cases', 'id'],
    ] as const) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('${table}', '${column}'), COALESCE((SELECT MAX(${column}) FROM ${table}), 0) + 1, false)`,
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
