import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Actor,
  assignMaterialIds,
  createEngine,
  isJianzhengError,
  type MaterialInput,
} from '@jianzheng/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from './driver';
import { createSqliteStore, MIGRATIONS, type SqliteStore } from './index';

const engine = createEngine();
const admin: Actor = { id: 'admin-1', role: 'admin' };
const ctx = { actor: admin };
const jurisdiction = { code: '341300', name: '宿州市', level: 'city' as const };

function entries(department: string, names: string[]) {
  const inputs: MaterialInput[] = names.map((name) => ({
    item: { department, name: '个体工商户登记' },
    name,
    legalBasis: '《个体工商户条例》',
    departmentProposal: 'retain',
  }));
  const materials = assignMaterialIds(inputs);
  const decisions = engine.evaluate(materials);
  return materials.map((material, i) => ({ material, decision: decisions[i]! }));
}

async function _code(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return isJianzhengError(error) ? error.code : String(error);
  }
  return undefined;
}

let dir: string;
let file: string;
let store: SqliteStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jz-store-'));
  file = join(dir, 'jianzheng.db');
  store = createSqliteStore({ filename: file });
  await store.createBatch(
    { id: 'b1', title: '第一批', jurisdiction, departments: ['市场监管局', '公安局'] },
    ctx,
  );
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('createSqliteStore', () => {
  it('migrates on open, records the schema version, and keeps data across reopening', async () => {
    expect(store.schemaVersions()).toEqual(MIGRATIONS.map((m) => m.version));
    await store.importMaterials(
      'b1',
      { departments: ['公安局'], entries: entries('公安局', ['户口簿', '申请书']), source: 'a.xlsx' },
      ctx,
    );
    await store.close();
    const again = createSqliteStore({ filename: file });
    expect(again.schemaVersions()).toEqual(MIGRATIONS.map((m) => m.version));
    expect((await again.getBatch('b1'))?.title).toBe('第一批');
    expect((await again.allMaterials('b1')).map((m) => m.material.name)).toEqual(['户口簿', '申请书']);
    const raw = openSqlite(file, 5000);
    expect(raw.pragma('journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    raw.close();
    store = again;
  });

  it('keeps publications and the audit log unchangeable underneath the store (triggers)', async () => {
    await store.importMaterials(
      'b1',
      { departments: ['公安局'], entries: entries('公安局', ['申请书']), source: 'p.xlsx' },
      ctx,
    );
    const publish = {
      action: 'adjust' as const,
      from: 'draft' as const,
      to: 'published' as const,
      fields: {},
      publishes: true,
    };
    const pub = {
      version: 1,
      publishedAt: '2018-09-04',
      documentNumber: '文号',
      reason: null,
      sha256: 'a'.repeat(64),
      json: '{"a":1}',
      excel: new Uint8Array([1, 2, 3]),
      diff: null,
    };
    await store.transitionBatch('b1', publish, ctx, pub);
    const raw = openSqlite(file, 5000);
    expect(() => raw.prepare("UPDATE publications SET json = '{}'").run()).toThrow(/immutable/);
    expect(() => raw.prepare('DELETE FROM publications').run()).toThrow(/kept/);
    expect(() => raw.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => raw.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    raw.close();
  });

  it('refuses a database written by a newer schema', async () => {
    await store.close();
    const raw = openSqlite(file, 5000);
    raw.prepare("INSERT INTO schema_migrations VALUES (99, 'future', 'x')").run();
    raw.close();
    expect(() => createSqliteStore({ filename: file })).toThrow(/99/);
    store = createSqliteStore({ filename: ':memory:' });
  });
});
