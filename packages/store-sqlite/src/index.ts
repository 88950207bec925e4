// @jianzheng/store-sqlite — the embedded default implementation of core's JianzhengStore port.

// ImportScopeError lives in core now (every store throws it); re-exported for existing callers.
export { ImportScopeError } from '@jianzheng/core';
export type { SqliteStore, SqliteStoreOptions } from './create-sqlite-store';
export { createSqliteStore } from './create-sqlite-store';
export type { SqliteDriverChoice, SqliteDriverName } from './driver';
export { resolveSqliteDriver } from './driver';
export { SchemaTooNewError, SqliteDriverUnavailableError, UnknownSqliteDriverError } from './errors';
export type { Migration } from './migrations';
export { MIGRATIONS } from './migrations';
export { StoreWriterStoppedError } from './off-thread';
