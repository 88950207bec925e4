import type { StoreSnapshot } from '@jianzheng/core';
import {
  planSnapshotImport,
  SNAPSHOT_QUERIES,
  SNAPSHOT_TABLES,
  type StoreRow,
  snapshotFromRows,
} from '@jianzheng/core/store-sql';
import type { SqliteConnection } from './driver';
import type { SqlitePlanRunner } from './plan-runner';

/** Everything the database holds, in write order (`jianzheng migrate`); the caller wraps it in a read transaction. */
export function exportSqliteSnapshot(db: SqliteConnection): StoreSnapshot {
  const rows = Object.fromEntries(
    Object.entries(SNAPSHOT_QUERIES).map(([part, sql]) => [part, db.prepare(sql).all() as StoreRow[]]),
  ) as Record<keyof StoreSnapshot, StoreRow[]>;
  return snapshotFromRows(rows);
}

/** Writes a snapshot into an empty database in one transaction, keeping ids, versions, sequence numbers and times. */
export function importSqliteSnapshot(
  db: SqliteConnection,
  run: SqlitePlanRunner,
  snapshot: StoreSnapshot,
): void {
  db.transaction(() => {
    const occupied = SNAPSHOT_TABLES.find((table) => db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get());
    run.execute(planSnapshotImport(snapshot, occupied));
  }).immediate();
}
