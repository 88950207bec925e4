// @jianzheng/store-postgres — core's JianzhengStore port on PostgreSQL, for several API instances.

export type { PostgresStore, PostgresStoreOptions } from './create-postgres-store';
export { createPostgresStore } from './create-postgres-store';
export { SchemaTooNewError } from './errors';
export type { PostgresMigration } from './migrations';
export { POSTGRES_MIGRATIONS } from './migrations';
