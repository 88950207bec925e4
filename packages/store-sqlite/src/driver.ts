// The SQLite driver under the store. `libsql` ships its binary as a per-platform package on the
// npm registry, so it installs on a machine without a compiler (a government desktop, a bare CI
// image); `better-sqlite3` is faster at bulk writes but compiles from source wherever its prebuilt
// download is unreachable, so it is an optional dependency, used when it is installed and loads.
import { createRequire } from 'node:module';
import { SqliteDriverUnavailableError, UnknownSqliteDriverError } from './errors';

/** The drivers the store can run on. `auto`: better-sqlite3 when it is installed, otherwise libsql. */
export type SqliteDriverName = 'libsql' | 'better-sqlite3';
export type SqliteDriverChoice = SqliteDriverName | 'auto';

/** The result of a write statement, as both drivers report it. */
export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** A prepared statement; parameters are positional. */
export interface SqliteStatement {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/** A function wrapped in BEGIN … COMMIT (ROLLBACK when it throws), as better-sqlite3 shapes it. */
export interface SqliteTransaction<F extends (...args: never[]) => unknown> {
  (...args: Parameters<F>): ReturnType<F>;
  immediate(...args: Parameters<F>): ReturnType<F>;
}

/** The part of a connection the store uses, the same on both drivers. */
export interface SqliteConnection {
  /** Which driver this connection runs on. */
  readonly driver: SqliteDriverName;
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  pragma(source: string): unknown;
  transaction<F extends (...args: never[]) => unknown>(fn: F): SqliteTransaction<F>;
  /** False once closed. */
  readonly open: boolean;
  close(): void;
}

const require = createRequire(import.meta.url);
type NativeDatabase = new (filename: string, options: { timeout: number }) => NativeConnection;
interface NativeConnection {
  prepare(sql: string): {
    run(params: unknown[]): RunResult;
    get(params: unknown[]): unknown;
    all(params: unknown[]): unknown[];
  };
  exec(sql: string): unknown;
  pragma(source: string): unknown;
  transaction(fn: (...args: unknown[]) => unknown): SqliteTransaction<(...args: unknown[]) => unknown>;
  readonly inTransaction: boolean;
  readonly open: boolean;
  close(): void;
}

const loaded = new Map<SqliteDriverName, NativeDatabase | Error>();
function load(driver: SqliteDriverName): NativeDatabase | Error {
  let entry = loaded.get(driver);
  if (!entry) {
    try {
      entry = require(driver) as NativeDatabase;
      // better-sqlite3's JS loads without its binary; only opening a database proves the binary.
      new entry(':memory:', { timeout: 0 }).close();
    } catch (error) {
      entry = error as Error;
    }
    loaded.set(driver, entry);
  }
  return entry;
}

/** The driver `choice` resolves to on this machine (throws when an explicit choice does not load). */
export function resolveSqliteDriver(choice: SqliteDriverChoice = 'auto'): SqliteDriverName {
  if (!['auto', 'libsql', 'better-sqlite3'].includes(choice)) throw new UnknownSqliteDriverError(choice);
  if (choice === 'auto') return load('better-sqlite3') instanceof Error ? 'libsql' : 'better-sqlite3';
  const entry = load(choice);
  if (entry instanceof Error) throw new SqliteDriverUnavailableError(choice, entry);
  return choice;
}

/** Opens `filename` on the chosen driver, with the busy timeout in milliseconds. */
export function openSqlite(
  filename: string,
  timeoutMs: number,
  choice: SqliteDriverChoice = 'auto',
): SqliteConnection {
  const driver = resolveSqliteDriver(choice);
  const Database = load(driver) as NativeDatabase;
  const db = new Database(filename, { timeout: timeoutMs });
  return driver === 'libsql' ? libsqlConnection(db) : betterConnection(db);
}

function betterConnection(db: NativeConnection): SqliteConnection {
  return {
    driver: 'better-sqlite3',
    prepare: (sql) => db.prepare(sql) as unknown as SqliteStatement,
    exec: (sql) => void db.exec(sql),
    pragma: (source) => db.pragma(source),
    transaction: (fn) => db.transaction(fn as unknown as (...args: unknown[]) => unknown) as never,
    get open() {
      return db.open;
    },
    close: () => db.close(),
  };
}

// libsql takes a lone argument as named parameters even when it is null or a string, and its
// `get` adds an enumerable `_metadata` to the row: pass positional parameters as one array (a
// plain object stays named, as in better-sqlite3), and drop the extra.
const named = (params: unknown[]) => {
  const only = params[0];
  return (
    params.length === 1 &&
    typeof only === 'object' &&
    only !== null &&
    !Array.isArray(only) &&
    !ArrayBuffer.isView(only)
  );
};
function libsqlConnection(db: NativeConnection): SqliteConnection {
  const prepare = (sql: string): SqliteStatement => {
    const statement = db.prepare(sql);
    const bind = (params: unknown[]) => (named(params) ? (params[0] as unknown[]) : params);
    return {
      run: (...params) => statement.run(bind(params)),
      get: (...params) => {
        const row = statement.get(bind(params)) as Record<string, unknown> | undefined;
        if (row) delete row._metadata;
        return row;
      },
      all: (...params) => statement.all(bind(params)),
    };
  };
  // libsql's own wrapper rolls back unconditionally (hiding the error when SQLite already ended the
  // transaction) and cannot nest: do what better-sqlite3 does, a savepoint inside a transaction.
  let depth = 0;
  const transaction = <F extends (...args: never[]) => unknown>(fn: F) => {
    const wrap =
      (mode: string) =>
      (...args: Parameters<F>): ReturnType<F> => {
        const nested = db.inTransaction;
        const savepoint = `jianzheng_${depth}`;
        db.exec(nested ? `SAVEPOINT ${savepoint}` : `BEGIN ${mode}`);
        depth++;
        try {
          const result = fn(...args) as ReturnType<F>;
          db.exec(nested ? `RELEASE ${savepoint}` : 'COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction)
            db.exec(nested ? `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}` : 'ROLLBACK');
          throw error;
        } finally {
          depth--;
        }
      };
    return Object.assign(wrap('DEFERRED'), { immediate: wrap('IMMEDIATE') }) as SqliteTransaction<F>;
  };
  return {
    driver: 'libsql',
    prepare,
    exec: (sql) => void db.exec(sql),
    pragma: (source) => prepare(`PRAGMA ${source}`).all(),
    transaction,
    get open() {
      return db.open;
    },
    close: () => db.close(),
  };
}
