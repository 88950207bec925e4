import { resolve } from 'node:path';
import type { JianzhengStore } from '@jianzheng/core';

/** A `postgres://` or `postgresql://` URL; anything else is a SQLite file path. */
export const isPostgresUrl = (db: string) => /^postgres(ql)?:\/\//i.test(db);

/**
 * Opens the store `--db` names: a PostgreSQL database for a URL (several instances may share it),
 * else a SQLite file (created and migrated when missing). The adapters load only when used, so
 * commands that need neither start fast. A server (`offThread`) writes SQLite on a worker thread,
 * so an import being written never holds its event loop. `JIANZHENG_SQLITE_DRIVER` (`libsql`,
 * `better-sqlite3` or `auto`, the default: better-sqlite3 when it is installed) picks SQLite's driver.
 */
export async function openStore(
  db: string,
  cwd: string,
  options: { offThread?: boolean } = {},
): Promise<JianzhengStore> {
  if (isPostgresUrl(db)) {
    const { createPostgresStore } = await import('@jianzheng/store-postgres');
    return createPostgresStore({ connectionString: db });
  }
  const { createSqliteStore } = await import('@jianzheng/store-sqlite');
  return createSqliteStore({
    filename: resolve(cwd, db),
    offThread: options.offThread ?? false,
    driver: sqliteDriverFromEnv(),
  });
}

/** `JIANZHENG_SQLITE_DRIVER` as given; the store refuses a name it does not know, with the ones it does. */
export const sqliteDriverFromEnv = () =>
  (process.env.JIANZHENG_SQLITE_DRIVER || 'auto') as 'auto' | 'libsql' | 'better-sqlite3';

/** The database as shown to an operator: a URL without its password. */
export const shownDb = (db: string) =>
  isPostgresUrl(db) ? db.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@') : db;
