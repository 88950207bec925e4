import { type PostgresCluster, pgTestSkipReason, startPostgres } from '@jianzheng/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore, POSTGRES_MIGRATIONS } from './index';

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
  },
);
