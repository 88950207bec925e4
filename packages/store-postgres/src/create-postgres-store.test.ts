import { assignMaterialIds, createEngine, type MaterialInput, summarize } from '@jianzheng/core';
import { type PostgresCluster, pgTestSkipReason, startPostgres } from '@jianzheng/testkit';
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
      const engine = createEngine({
        catalogs: {
          sharedData: [
            { name: '不动产权证书', aliases: [], source: '不动产登记平台', effectiveFrom: '2027-01-01' },
          ],
        },
      });
      const inputs = [
        { item: { department: '公安局', name: '户籍迁移\u3000', type: '行政确认' }, name: '不动产权证书' },
        { item: { department: '公安局', name: '户籍迁移' }, name: '户口簿' },
        { item: { department: '民政局', name: '婚姻登记', code: ' MZ-01 ' }, name: '居民身份证' },
        {
          item: { department: '民政局', name: '婚姻登记（补）', code: 'MZ-01' },
          name: '证明',
          legalBasis: '无',
        },
      ].map((m) => ({ legalBasis: '《条例》', departmentProposal: 'retain', ...m }) as MaterialInput);
      const materials = assignMaterialIds(inputs);
      const decisions = engine.evaluate(materials);
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
          for (const [i, m] of materials.entries()) {
            const d = decisions[i]!;
            await client.query(
              `INSERT INTO materials (batch_id, id, seq, department, item_name, name, verdict, category, agreement, status, material, decision, annotation, version, updated_at)
               VALUES ('b1', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, 1, 'x')`,
              [
                m.id,
                i + 1,
                m.item.department,
                m.item.name,
                m.name,
                d.verdict,
                d.category,
                d.agreement,
                d.status,
                JSON.stringify(m),
                JSON.stringify(d),
              ],
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
