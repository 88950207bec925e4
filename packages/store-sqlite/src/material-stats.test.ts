import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize } from '@jianzheng/core';
import { statsMigrationRecords } from '@jianzheng/testkit/store-contract';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openSqlite } from './driver';
import { createSqliteStore } from './index';
import { MIGRATIONS, migrate } from './migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jz-stats-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('migration 7 derives the statistics columns of rows written before it, as the store writes them', async () => {
  const { materials, decisions, oldColumns, oldRows } = statsMigrationRecords();

  // A database at schema 6, its rows written with the columns the store had then.
  const file = join(dir, 'old.db');
  const db = openSqlite(file, 5000);
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= 6),
  );
  db.prepare(
    `INSERT INTO batches (id, title, jurisdiction, departments, stage, details, created_at, updated_at)
     VALUES ('b1', '第一批', '{}', '[]', 'draft', '{}', 'x', 'x')`,
  ).run();
  const insert = db.prepare(
    `INSERT INTO materials (batch_id, ${oldColumns}, version, updated_at) VALUES ('b1', ${oldRows[0]!.map(() => '?').join(', ')}, 1, 'x')`,
  );
  for (const row of oldRows) insert.run(...row);
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
