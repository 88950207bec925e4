import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assignMaterialIds, createEngine, type MaterialInput, summarize } from '@jianzheng/core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createSqliteStore } from './index';
import { MIGRATIONS, migrate } from './migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jz-stats-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const engine = createEngine({
  catalogs: {
    sharedData: [
      { name: '不动产权证书', aliases: [], source: '不动产登记平台', effectiveFrom: '2027-01-01' },
    ],
  },
});

it('migration 7 derives the statistics columns of rows written before it, as the store writes them', async () => {
  const inputs: MaterialInput[] = [
    { item: { department: '公安局', name: '户籍迁移\u3000', type: '行政确认' }, name: '不动产权证书' },
    { item: { department: '公安局', name: '户籍迁移' }, name: '户口簿' },
    { item: { department: '民政局', name: '婚姻登记', code: ' MZ-01 ' }, name: '居民身份证' },
    {
      item: { department: '民政局', name: '婚姻登记（补）', code: 'MZ-01' },
      name: '无依据的证明',
      legalBasis: '无',
    },
  ].map((m) => ({ legalBasis: '《条例》', departmentProposal: 'retain', ...m }) as MaterialInput);
  const materials = assignMaterialIds(inputs);
  const decisions = engine.evaluate(materials);

  // A database at schema 6, its rows written with the columns the store had then.
  const file = join(dir, 'old.db');
  const db = new Database(file);
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= 6),
  );
  db.prepare(
    `INSERT INTO batches (id, title, jurisdiction, departments, stage, details, created_at, updated_at)
     VALUES ('b1', '第一批', '{}', '[]', 'draft', '{}', 'x', 'x')`,
  ).run();
  const insert = db.prepare(
    `INSERT INTO materials (batch_id, id, seq, department, item_name, name, verdict, category, agreement, status, material, decision, annotation, version, updated_at)
     VALUES ('b1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, 'x')`,
  );
  materials.forEach((m, i) => {
    const d = decisions[i]!;
    insert.run(
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
    );
  });
  db.close();

  const store = createSqliteStore({ filename: file });
  try {
    expect(store.schemaVersions()).toEqual(MIGRATIONS.map((m) => m.version));
    for (const asOf of ['2026-11-30', '2027-02-01', undefined]) {
      const options = asOf ? { asOf } : {};
      expect(await store.summarizeMaterials('b1', options)).toEqual(summarize(materials, decisions, options));
    }
    const summary = await store.summarizeMaterials('b1', { asOf: '2026-11-30' });
    // The padded item name and the padded code count as one item each, as itemKey trims them.
    expect([summary.items, summary.planned]).toEqual([2, 1]);
  } finally {
    await store.close();
  }
});
