import type { JianzhengStore, WriteContext } from '@jianzheng/core';
import pg from 'pg';
import { postgresCaseMethods } from './cases';
import { SchemaTooNewError } from './errors';
import { postgresMaterialStatsMethods } from './material-stats';
import { migratePostgres, POSTGRES_MIGRATIONS } from './migrations';
import type { Tx } from './plan-runner';
import { postgresProgrammeMethods } from './programmes';
import { postgresRateLimitMethods } from './rate-limits';
import { postgresReads } from './reads';
import { exportPostgresSnapshot, importPostgresSnapshot } from './snapshot';
import { postgresTokenMethods } from './tokens';
import { postgresBatchWrites } from './writes';

export interface PostgresStoreOptions {
  /** `postgres://user@host:port/database`; the database must exist (the schema is created). */
  connectionString: string;
  /** Connections in this instance's pool (default 10). */
  maxConnections?: number;
  /** Largest page `listMaterials` / `listAudit` return, whatever the caller asks (default 500). */
  maxPageSize?: number;
  /** The clock used for timestamps a write does not give (default: the system clock). */
  now?: () => Date;
}

/** The PostgreSQL store plus what an operator may want beyond the port. */
export interface PostgresStore extends JianzhengStore {
  /** Schema versions applied, oldest first. */
  schemaVersions(): Promise<number[]>;
}

/**
 * Opens a PostgreSQL database as a `JianzhengStore` over node-postgres (`pg`), migrating it first.
 * Several instances may share one database: every write that depends on a batch's stage or list
 * locks the batch row (`SELECT … FOR UPDATE`) before re-checking core's guards, so writes to one
 * batch are serialised across instances while reads never wait.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const now = options.now ?? (() => new Date());
  const maxPage = options.maxPageSize ?? 500;
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    try {
      const known = Math.max(...POSTGRES_MIGRATIONS.map((m) => m.version));
      const exists = await client.query("SELECT to_regclass('schema_migrations') AS t");
      if (exists.rows[0].t) {
        const found = Number(
          (await client.query('SELECT MAX(version) AS v FROM schema_migrations')).rows[0].v ?? 0,
        );
        if (found > known) throw new SchemaTooNewError(options.connectionString, found, known);
      }
      await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }

  const stamp = (ctx: WriteContext) => ctx.at ?? now().toISOString();

  async function tx<T>(fn: (client: Tx) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  const store: PostgresStore = {
    async schemaVersions() {
      const found = await pool.query('SELECT version FROM schema_migrations ORDER BY version');
      return found.rows.map((r) => Number(r.version));
    },

    ...postgresReads(pool, maxPage),
    ...postgresBatchWrites(tx, stamp),
    ...postgresMaterialStatsMethods(pool, maxPage),
    ...postgresTokenMethods(pool, tx, stamp, now),
    ...postgresCaseMethods(pool, tx, stamp),
    ...postgresProgrammeMethods(pool, tx, stamp),
    ...postgresRateLimitMethods(pool, now),

    async exportSnapshot() {
      const client = await pool.connect();
      try {
        return await exportPostgresSnapshot(client);
      } finally {
        client.release();
      }
    },

    async importSnapshot(snapshot) {
      const client = await pool.connect();
      try {
        await importPostgresSnapshot(client, snapshot);
      } finally {
        client.release();
      }
    },

    async close() {
      if (!pool.ended) await pool.end();
    },
  };
  return store;
}
