import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite, type SqliteConnection } from './driver';
import { createSqliteStore, MIGRATIONS } from './index';
import { migrate } from './migrations';

let dir: string;
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const COUNT = `SELECT COUNT(*) AS n FROM materials WHERE batch_id = ? AND (item_name LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')`;

describe('migration 2 (material search index)', () => {
  it('upgrades a version-1 file in place, and the text-search count then reads the index alone', async () => {
    dir = mkdtempSync(join(tmpdir(), 'jz-store-search-'));
    const file = join(dir, 'jianzheng.db');
    const old = openSqlite(file, 5000);
    migrate(old, MIGRATIONS.slice(0, 1));
    const plan = (db: SqliteConnection) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${COUNT}`).all('b1', '%证%', '%证%') as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join(' | ');
    expect(plan(old)).not.toContain('COVERING INDEX materials_search');
    old.close();

    const store = createSqliteStore({ filename: file });
    expect(store.schemaVersions()).toEqual(MIGRATIONS.map((m) => m.version));
    await store.close();
    const raw = openSqlite(file, 5000);
    expect(plan(raw)).toContain('COVERING INDEX materials_search');
    const indexes = (
      raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'materials'")
        .all() as Array<{
        name: string;
      }>
    ).map((r) => r.name);
    expect(indexes).toContain('materials_search');
    expect(indexes).not.toContain('materials_by_department');
    raw.close();
  });
});
