import { POSTGRES_TYPES, sharedTablesSql } from '@jianzheng/core/store-sql';
import type { PoolClient } from 'pg';
import { MATERIAL_STATS_MIGRATION_SQL } from './material-stats';
import { PROGRAMMES_MIGRATION_SQL } from './programmes';
import { RATE_LIMITS_MIGRATION_SQL } from './rate-limits';

const TABLES = sharedTablesSql(POSTGRES_TYPES);

/** A schema step. Never edit a shipped migration: add the next one (numbered like SQLite's). */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

// JSON is kept as text, as in SQLite, so that a record reads back byte for byte whichever store
// wrote it (jsonb would reorder keys) and `jianzheng migrate` copies it unchanged.
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE batches (
        id text PRIMARY KEY,
        title text NOT NULL,
        jurisdiction text NOT NULL,
        departments text NOT NULL,
        stage text NOT NULL,
        details text NOT NULL DEFAULT '{}',
        list_revision integer NOT NULL DEFAULT 0,
        created_at text NOT NULL,
        updated_at text NOT NULL
      );
      CREATE TABLE materials (
        batch_id text NOT NULL REFERENCES batches(id),
        id text NOT NULL,
        seq integer NOT NULL,
        department text NOT NULL,
        item_name text NOT NULL,
        name text NOT NULL,
        verdict text NOT NULL,
        category text,
        agreement text NOT NULL,
        status text NOT NULL,
        material text NOT NULL,
        decision text NOT NULL,
        annotation text,
        version integer NOT NULL DEFAULT 1,
        updated_at text NOT NULL,
        PRIMARY KEY (batch_id, id)
      );
      CREATE INDEX materials_search ON materials (batch_id, department, seq, item_name, name);
      CREATE INDEX materials_by_seq ON materials (batch_id, seq);
      ${TABLES.transitions}
      ${TABLES.comments}
      ${TABLES.publications}
      ${TABLES.auditLog}
      CREATE INDEX audit_by_action ON audit_log (action, seq);
      CREATE TABLE tokens (
        id text PRIMARY KEY,
        hash text NOT NULL UNIQUE,
        role text NOT NULL,
        department text,
        label text,
        created_at text NOT NULL,
        expires_at text,
        last_used_at text,
        revoked_at text,
        parent_id text REFERENCES tokens(id)
      );
      CREATE INDEX tokens_by_parent ON tokens (parent_id);
      CREATE FUNCTION jianzheng_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$;
      CREATE TRIGGER publications_immutable BEFORE UPDATE ON publications
        FOR EACH ROW EXECUTE FUNCTION jianzheng_refuse('publications are immutable');
      CREATE TRIGGER publications_kept BEFORE DELETE ON publications
        FOR EACH ROW EXECUTE FUNCTION jianzheng_refuse('publications are kept');
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION jianzheng_refuse('the audit log is append-only');
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION jianzheng_refuse('the audit log is append-only');
    `,
  },
  {
    version: 2,
    name: 'supervision cases (督查)',
    sql: TABLES.cases,
  },
  {
    version: 3,
    name: 'rate limits shared by every instance',
    sql: RATE_LIMITS_MIGRATION_SQL,
  },
  {
    version: 4,
    name: 'statistics and list pages from indexed columns',
    sql: MATERIAL_STATS_MIGRATION_SQL,
  },
  {
    version: 5,
    name: 'programmes (专项清理)',
    sql: PROGRAMMES_MIGRATION_SQL,
  },
];

// Any constant works; it only has to be the same for every instance of this package.
const MIGRATION_LOCK = 0x6a7a6d67;

/**
 * Brings the database to the latest schema. An advisory lock makes instances that start at the
 * same moment migrate one after the other; each step commits with its `schema_migrations` row.
 */
export async function migratePostgres(
  client: PoolClient,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<number[]> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)',
    );
    const applied = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      done.push(migration.version);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
