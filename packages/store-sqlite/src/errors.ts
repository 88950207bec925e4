import { JianzhengError } from '@jianzheng/core';

/** The file was migrated by a newer version of this package; opening it could corrupt it. */
export class SchemaTooNewError extends JianzhengError {
  constructor(filename: string, found: number, known: number) {
    super(
      'STORE_SCHEMA_TOO_NEW',
      `数据库 ${filename} 的结构版本为 ${found}，高于本程序支持的 ${known}，请升级后再打开`,
      {
        messageEn: `database ${filename} has schema version ${found}, newer than the supported ${known}; upgrade first`,
      },
    );
  }
}

/** `driver: 'better-sqlite3'` was asked for, but the package is not installed or does not load. */
export class SqliteDriverUnavailableError extends JianzhengError {
  constructor(driver: string, cause?: unknown) {
    super('SQLITE_DRIVER_UNAVAILABLE', `SQLite 驱动 ${driver} 未安装或无法加载（可改用默认驱动 libsql）`, {
      messageEn: `the SQLite driver ${driver} is not installed or does not load (the default, libsql, is)`,
      cause,
    });
  }
}

/** A `driver` that is none of `libsql`, `better-sqlite3`, `auto` (e.g. from JIANZHENG_SQLITE_DRIVER). */
export class UnknownSqliteDriverError extends JianzhengError {
  constructor(driver: string) {
    super(
      'SQLITE_DRIVER_UNKNOWN',
      `未知的 SQLite 驱动 ${JSON.stringify(driver)}，可选 libsql、better-sqlite3、auto`,
      {
        messageEn: `unknown SQLite driver ${JSON.stringify(driver)}; use libsql, better-sqlite3 or auto`,
      },
    );
  }
}
