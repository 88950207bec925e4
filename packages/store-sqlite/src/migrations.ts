import { SQLITE_TYPES, sharedTablesSql } from '@jianzheng/core/store-sql';
import type { SqliteConnection } from './driver';
import { MATERIAL_STATS_MIGRATION_SQL } from './material-stats';
import { PROGRAMMES_MIGRATION_SQL } from './programmes';
import { RATE_LIMITS_MIGRATION_SQL } from './rate-limits';

const TABLES = sharedTablesSql(SQLITE_TYPES);

/** A schema step. Never edit a shipped migration: add the next one. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE batches (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        jurisdiction TEXT NOT NULL,
        departments TEXT NOT NULL,
        stage TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE materials (
        batch_id TEXT NOT NULL REFERENCES batches(id),
        id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        department TEXT NOT NULL,
        item_name TEXT NOT NULL,
        name TEXT NOT NULL,
        verdict TEXT NOT NULL,
        category TEXT,
        agreement TEXT NOT NULL,
        status TEXT NOT NULL,
        material TEXT NOT NULL,
        decision TEXT NOT NULL,
        annotation TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (batch_id, id)
      );
      CREATE INDEX materials_by_department ON materials (batch_id, department, seq);
      CREATE INDEX materials_by_seq ON materials (batch_id, seq);
      ${TABLES.transitions}
      ${TABLES.comments}
      ${TABLES.publications}
      CREATE TRIGGER publications_immutable BEFORE UPDATE ON publications
        BEGIN SELECT RAISE(ABORT, 'publications are immutable'); END;
      CREATE TRIGGER publications_kept BEFORE DELETE ON publications
        BEGIN SELECT RAISE(ABORT, 'publications are kept'); END;
      ${TABLES.auditLog}
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        department TEXT,
        label TEXT,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'material search reads a narrow index',
    // The text search is LIKE '%…%' (no index can seek it), so it scans a batch's rows twice, for
    // the count and for the page. Each table row carries the material and decision JSON; this
    // index carries only what the filter and the order need, so the count reads the index alone
    // and the page fetches full rows only for the ones it returns. It starts with the columns of
    // materials_by_department, which it replaces.
    sql: `
      CREATE INDEX materials_search ON materials (batch_id, department, seq, item_name, name);
      DROP INDEX materials_by_department;
    `,
  },
  {
    version: 3,
    name: 'token lifecycle: expiry, last use, revocation, login sessions',
    sql: `
      ALTER TABLE tokens ADD COLUMN expires_at TEXT;
      ALTER TABLE tokens ADD COLUMN last_used_at TEXT;
      ALTER TABLE tokens ADD COLUMN revoked_at TEXT;
      ALTER TABLE tokens ADD COLUMN parent_id TEXT REFERENCES tokens(id);
      CREATE INDEX tokens_by_parent ON tokens (parent_id);
    `,
  },
  {
    version: 4,
    name: 'supervision cases (督查)',
    sql: TABLES.cases,
  },
  {
    version: 5,
    name: 'batch list revision',
    // A transition planned on the list as a caller read it (a legal review, a publication built
    // from it) is refused when the list changed meanwhile: the revision says so in one read.
    sql: 'ALTER TABLE batches ADD COLUMN list_revision INTEGER NOT NULL DEFAULT 0;',
  },
  {
    version: 6,
    name: 'rate limits shared by every process on the file',
    sql: RATE_LIMITS_MIGRATION_SQL,
  },
  {
    version: 7,
    name: 'statistics and list pages from indexed columns',
    sql: MATERIAL_STATS_MIGRATION_SQL,
  },
  {
    version: 8,
    name: 'programmes (专项清理)',
    sql: PROGRAMMES_MIGRATION_SQL,
  },
];

/**
 * Brings the database to the latest schema, each step in its own transaction together with its
 * `schema_migrations` row, so a crash mid-migration leaves the previous version intact.
 */
export function migrate(db: SqliteConnection, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map(
      (r) => r.version,
    ),
  );
  const done: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    })();
    done.push(migration.version);
  }
  return done;
}
