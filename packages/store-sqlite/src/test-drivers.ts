import { resolveSqliteDriver, type SqliteDriverName } from './driver';

/** libsql (a dependency, always there), then better-sqlite3 where its optional install succeeded. */
export function availableDrivers(): SqliteDriverName[] {
  return resolveSqliteDriver('auto') === 'better-sqlite3' ? ['libsql', 'better-sqlite3'] : ['libsql'];
}
