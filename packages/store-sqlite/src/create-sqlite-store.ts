import type { JianzhengStore, WriteContext } from '@jianzheng/core';
import { sqliteCaseMethods } from './cases';
import { openSqlite, type SqliteDriverChoice, type SqliteDriverName } from './driver';
import { SchemaTooNewError } from './errors';
import { sqliteMaterialStatsMethods } from './material-stats';
import { MIGRATIONS, migrate } from './migrations';
import { offThreadStore } from './off-thread';
import { sqlitePlanRunner } from './plan-runner';
import { sqliteProgrammeMethods } from './programmes';
import { rateLimitMethods } from './rate-limits';
import { sqliteReads } from './reads';
import { exportSqliteSnapshot, importSqliteSnapshot } from './snapshot';
import { tokenMethods } from './tokens';
import { sqliteBatchWrites } from './writes';

export interface SqliteStoreOptions {
  /** Path of the database file; created and migrated on open. `:memory:` for a throwaway store. */
  filename: string;
  /** How long a write waits for another connection's lock, in ms (default 5000). */
  busyTimeoutMs?: number;
  /** Largest page `listMaterials` / `listAudit` return, whatever the caller asks (default 500). */
  maxPageSize?: number;
  /** The clock used for timestamps a write does not give (default: the system clock). */
  now?: () => Date;
  /**
   * Runs every write (its guards and its audit entry, in its transaction) on a worker thread with
   * a connection of its own, and reads on this thread. A long import then never holds the caller's
   * event loop: a server keeps answering while a department's 50,000 materials are written.
   * Writes still happen one at a time, in call order. Cannot be combined with `now` (a clock does
   * not cross threads: writes without `ctx.at` take the system clock). Default false.
   */
  offThread?: boolean;
  /**
   * The SQLite driver: `libsql` (installs from the npm registry alone, a prebuilt binary per
   * platform), `better-sqlite3` (faster bulk writes; an optional dependency that compiles where its
   * prebuilt download is unreachable), or `auto` (default): better-sqlite3 when it is installed and
   * loads, otherwise libsql. Both read and write the same file format; a file may move between them.
   */
  driver?: SqliteDriverChoice;
}

/** The SQLite store plus what an operator may want beyond the port. */
export interface SqliteStore extends JianzhengStore {
  /** The path the store was opened with. */
  readonly filename: string;
  /** The driver this store runs on (`auto` resolved). */
  readonly driver: SqliteDriverName;
  /** Schema versions applied, oldest first. */
  schemaVersions(): number[];
}

/**
 * Opens (creating and migrating when needed) a SQLite database as a `JianzhengStore`, over
 * libsql or better-sqlite3 (see `driver`). WAL journal and foreign keys are on; every write, with its audit entry, is one
 * transaction, so a failed import or publication leaves the database as it was.
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  if (options.offThread && options.now)
    throw new TypeError(
      'createSqliteStore: `now` cannot be combined with `offThread` (a clock does not cross threads)',
    );
  const now = options.now ?? (() => new Date());
  const maxPage = options.maxPageSize ?? 500;
  const db = openSqlite(options.filename, options.busyTimeoutMs ?? 5000, options.driver);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    const known = Math.max(...MIGRATIONS.map((m) => m.version));
    const hasTable = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    if (hasTable) {
      const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
      if ((row.v ?? 0) > known) throw new SchemaTooNewError(options.filename, row.v ?? 0, known);
    }
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const stamp = (ctx: WriteContext) => ctx.at ?? now().toISOString();
  const run = sqlitePlanRunner(db);

  const store: SqliteStore = {
    filename: options.filename,
    driver: db.driver,

    schemaVersions() {
      return (
        db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{
          version: number;
        }>
      ).map((r) => r.version);
    },

    ...sqliteReads(run, maxPage),
    ...sqliteBatchWrites(db, run, stamp),
    ...sqliteMaterialStatsMethods(db, run, maxPage),
    ...sqliteCaseMethods(db, run, stamp),
    ...sqliteProgrammeMethods(db, run, stamp),
    ...tokenMethods(db, run, stamp, now),
    ...rateLimitMethods(db, now),

    async exportSnapshot() {
      return db.transaction(() => exportSqliteSnapshot(db))();
    },

    async importSnapshot(snapshot) {
      importSqliteSnapshot(db, run, snapshot);
    },

    async close() {
      if (db.open) db.close();
    },
  };
  return options.offThread ? offThreadStore(store, options) : store;
}
