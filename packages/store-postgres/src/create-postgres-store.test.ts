import { summarize } from '@jianzheng/core';
import { type PostgresCluster, pgTestSkipReason, startPostgres } from '@jianzheng/testkit';
import { statsMigrationRecords } from '@jianzheng/testkit/store-contract';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore, POSTGRES_MIGRATIONS } from './index';
import { migratePostgres } from './migrations';

const skipReason = pgTestSkipReason();
let cluster: PostgresCluster | undefined;
beforeAll(async () => {
  if (!skipReason) cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

describe.skipIf(Boolean(skipReason))(
  `createPostgresStore${skipReason ? ` (skipped — ${skipReason})` : ''}`,
  () => {
    it('migrates once even when two instances open the database at the same moment, and refuses a newer schema', async () => {
      const database = await cluster!.createDatabase();
      try {
        const [a, b] = await Promise.all([
          createPostgresStore({ connectionString: database.url }),
          createPostgresStore({ connectionString: database.url }),
        ]);
        const versions = POSTGRES_MIGRATIONS.map((m) => m.version);
        expect(await a.schemaVersions()).toEqual(versions);
        expect(await b.schemaVersions()).toEqual(versions);
        await b.close();
        await a.close();
        const raw = new pg.Client({ connectionString: database.url });
        await raw.connect();
        await raw.query("INSERT INTO schema_migrations VALUES (99, 'future', 'x')");
        await raw.end();
        await expect(createPostgresStore({ connectionString: database.url })).rejects.toMatchObject({
          code: 'STORE_SCHEMA_TOO_NEW',
        });
      } finally {
        await database.drop();
      }
    });

    it('keeps publications and the audit log unchangeable underneath the store (triggers)', async () => {
      const database = await cluster!.createDatabase();
      const store = await createPostgresStore({ connectionString: database.url });
      const raw = new pg.Client({ connectionString: database.url });
      try {
        await store.createBatch(
          {
            id: 'b1',
            title: '第一批',
            jurisdiction: { code: '341300', name: '宿州市', level: 'city' },
            departments: [],
          },
          { actor: { id: 'admin', role: 'admin' } },
        );
        await raw.connect();
        await raw.query(
          "INSERT INTO publications VALUES ('b1', 1, '2018-09-04', NULL, NULL, 'x', '{}', '\\x00'::bytea, NULL)",
        );
        await expect(raw.query("UPDATE publications SET json = '[]'")).rejects.toThrow(/immutable/);
        await expect(raw.query('DELETE FROM publications')).rejects.toThrow(/kept/);
        await expect(raw.query("UPDATE audit_log SET actor = 'x'")).rejects.toThrow(/append-only/);
        await expect(raw.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      } finally {
        await raw.end();
        await store.close();
        await database.drop();
      }
    });

    it('migration 4 derives the statistics columns of rows written before it, as the store writes them', async () => {
      const { materials, decisions, oldColumns, oldRows } = statsMigrationRecords();
      const database = await cluster!.createDatabase();
      const pool = new pg.Pool({ connectionString: database.url, max: 1 });
      try {
        // A database at schema 3, its rows written with the columns the store had then.
        const client = await pool.connect();
        try {
          await migratePostgres(
            client,
            POSTGRES_MIGRATIONS.filter((m) => m.version <= 3),
          );
          await client.query(
            "INSERT INTO batches (id, title, jurisdiction, departments, stage, details, created_at, updated_at) VALUES ('b1', 't', '{}', '[]', 'draft', '{}', 'x', 'x')",
          );
          const marks = oldRows[0]!.map((_, i) => `$${i + 1}`).join(', ');
          for (const row of oldRows) {
            await client.query(
              `INSERT INTO materials (batch_id, ${oldColumns}, version, updated_at) VALUES ('b1', ${marks}, 1, 'x')`,
              row,
            );
          }
        } finally {
          client.release();
        }
        const store = await createPostgresStore({ connectionString: database.url });
        try {
          for (const asOf of ['2026-11-30', '2027-02-01', undefined]) {
            const options = asOf ? { asOf } : {};
            expect(await store.summarizeMaterials('b1', options)).toEqual(
              summarize(materials, decisions, options),
            );
          }
          const summary = await store.summarizeMaterials('b1', { asOf: '2026-11-30' });
          expect([summary.items, summary.planned]).toEqual([2, 1]);
        } finally {
          await store.close();
        }
      } finally {
        await pool.end();
        await database.drop();
      }
    });
  },
);
