// @jianzheng/store-sqlite — the embedded default implementation of core's JianzhengStore port.

export type { SqliteStore, SqliteStoreOptions } from './create-sqlite-store';
export { createSqliteStore } from './create-sqlite-store';
export { ImportScopeError, SchemaTooNewError } from './errors';
export type { Migration } from './migrations';
export { MIGRATIONS } from './migrations';
