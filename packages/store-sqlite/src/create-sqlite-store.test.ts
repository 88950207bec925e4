import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Actor,
  applyReview,
  applyTransition,
  assignMaterialIds,
  createEngine,
  isJianzhengError,
  type MaterialInput,
  planTransition,
} from '@jianzheng/core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

async function code(promise: Promise<unknown>): Promise<string | undefined> {
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
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    store = again;
  });

  it('refuses a duplicate batch id', async () => {
    expect(await code(store.createBatch({ id: 'b1', title: 'x', jurisdiction, departments: [] }, ctx))).toBe(
      'ALREADY_EXISTS',
    );
  });

  it('re-import replaces one department, keeps reviewed decisions whose id still exists, leaves others alone', async () => {
    await store.importMaterials(
      'b1',
      { departments: ['公安局'], entries: entries('公安局', ['户口簿']), source: 'p.xlsx' },
      ctx,
    );
    const first = entries('市场监管局', ['营业执照', '申请书', '场所证明']);
    await store.importMaterials('b1', { departments: ['市场监管局'], entries: first, source: 'm.xlsx' }, ctx);
    const target = (await store.getMaterial('b1', first[1]!.material.id))!;
    const reviewed = applyReview(
      target.material,
      target.decision,
      { action: 'override', verdict: 'cancel', category: 'not-necessary', note: '非必要' },
      { by: 'admin-1', at: '2018-08-01T00:00:00Z', categories: engine.categories.keys() },
    );
    await store.updateMaterial(
      'b1',
      target.material.id,
      target.version,
      { kind: 'review', decision: reviewed },
      ctx,
    );

    const second = entries('市场监管局', ['申请书', '经营场所使用证明', '营业执照']);
    const result = await store.importMaterials(
      'b1',
      { departments: ['市场监管局'], entries: second, source: 'm2.xlsx' },
      ctx,
    );
    expect(result).toMatchObject({ added: 1, updated: 2, removed: 1, keptDecisions: 1 });
    const kept = (await store.getMaterial('b1', first[1]!.material.id))!;
    expect(kept.decision).toMatchObject({ status: 'overridden', verdict: 'cancel', note: '非必要' });
    expect(kept.version).toBe(3);
    expect(await store.getMaterial('b1', first[2]!.material.id)).toBeUndefined();
    expect((await store.listMaterials('b1', { department: '公安局' })).total).toBe(1);
  });

  it('a failing import changes nothing', async () => {
    const good = entries('公安局', ['户口簿', '申请书']);
    await store.importMaterials('b1', { departments: ['公安局'], entries: good, source: 'p.xlsx' }, ctx);
    const auditBefore = (await store.listAudit()).total;
    // The same id twice violates the primary key after the old rows were already deleted.
    const bad = [...entries('公安局', ['身份证明']), ...entries('公安局', ['身份证明'])];
    await expect(
      store.importMaterials('b1', { departments: ['公安局'], entries: bad, source: 'bad.xlsx' }, ctx),
    ).rejects.toThrow();
    expect((await store.allMaterials('b1')).map((m) => m.material.name)).toEqual(['户口簿', '申请书']);
    expect((await store.listAudit()).total).toBe(auditBefore);
  });

  it('refuses an import whose materials escape its declared departments, writing nothing', async () => {
    const stray = entries('市场监管局', ['营业执照']);
    expect(
      await code(
        store.importMaterials('b1', { departments: ['公安局'], entries: stray, source: 'x.xlsx' }, ctx),
      ),
    ).toBe('IMPORT_SCOPE');
    expect(await store.allMaterials('b1')).toEqual([]);
  });

  it('filters, searches and paginates materials', async () => {
    await store.importMaterials(
      'b1',
      {
        departments: ['公安局'],
        entries: entries('公安局', ['户口簿', '申请书', '无犯罪记录证明']),
        source: 'p.xlsx',
      },
      ctx,
    );
    await store.importMaterials(
      'b1',
      {
        departments: ['市场监管局'],
        entries: entries('市场监管局', ['营业执照', '申请书']),
        source: 'm.xlsx',
      },
      ctx,
    );
    const all = await store.listMaterials('b1', { limit: 2 });
    expect(all.total).toBe(5);
    expect(all.items).toHaveLength(2);
    const page2 = await store.listMaterials('b1', { limit: 2, offset: 4 });
    expect(page2.items).toHaveLength(1);
    expect((await store.listMaterials('b1', { q: '申请' })).total).toBe(2);
    expect((await store.listMaterials('b1', { q: '100%' })).total).toBe(0);
    const cancelled = await store.listMaterials('b1', { verdict: 'cancel' });
    expect(cancelled.items.every((m) => m.decision.verdict === 'cancel')).toBe(true);
    expect(cancelled.total).toBeGreaterThan(0);
    const cat = cancelled.items[0]!.decision.category!;
    expect(
      (await store.listMaterials('b1', { category: cat })).items.every((m) => m.decision.category === cat),
    ).toBe(true);
    expect((await store.listMaterials('b1', { agreement: 'engine-cancels' })).total).toBe(cancelled.total);
  });

  it('refuses a stale version and writes nothing', async () => {
    const [entry] = entries('公安局', ['申请书']);
    await store.importMaterials('b1', { departments: ['公安局'], entries: [entry!], source: 'p.xlsx' }, ctx);
    const m = (await store.getMaterial('b1', entry!.material.id))!;
    const annotation = { note: '本部门意见', by: 'dept', at: '2018-08-01T00:00:00Z' };
    await store.updateMaterial('b1', m.material.id, m.version, { kind: 'annotation', annotation }, ctx);
    const stale = store.updateMaterial(
      'b1',
      m.material.id,
      m.version,
      { kind: 'annotation', annotation: { ...annotation, note: '覆盖' } },
      ctx,
    );
    expect(await code(stale)).toBe('VERSION_CONFLICT');
    expect((await store.getMaterial('b1', m.material.id))?.annotation?.note).toBe('本部门意见');
    expect(await code(store.updateMaterial('b1', 'nope', 1, { kind: 'annotation', annotation }, ctx))).toBe(
      'NOT_FOUND',
    );
  });

  it('transitions atomically with the publication, and refuses a stale stage', async () => {
    await store.importMaterials(
      'b1',
      { departments: ['公安局'], entries: entries('公安局', ['申请书']), source: 'p.xlsx' },
      ctx,
    );
    const batch = (await store.getBatch('b1'))!;
    const plan = planTransition(
      { stage: batch.stage, materialCount: 1, unansweredComments: 0 },
      { action: 'submit' },
    );
    await store.transitionBatch('b1', plan, applyTransition(batch.details, plan, 'now'), ctx);
    expect(await code(store.transitionBatch('b1', plan, {}, ctx))).toBe('VERSION_CONFLICT');
    expect((await store.listTransitions('b1')).map((t) => t.to)).toEqual(['centralized-review']);

    const publish = {
      action: 'adjust' as const,
      from: 'centralized-review' as const,
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
    await store.transitionBatch('b1', publish, { publicationVersion: 1 }, ctx, pub);
    // Version 1 exists: the second write fails as a whole, the stage stays.
    const again = { ...publish, from: 'published' as const };
    expect(await code(store.transitionBatch('b1', again, { publicationVersion: 1 }, ctx, pub))).toBe(
      'ALREADY_EXISTS',
    );
    expect(await store.listTransitions('b1')).toHaveLength(2);
    const read = (await store.getPublication('b1'))!;
    expect(read).toMatchObject({ version: 1, json: '{"a":1}', documentNumber: '文号' });
    expect([...read.excel]).toEqual([1, 2, 3]);
    expect(await store.listPublications()).toHaveLength(1);

    const raw = new Database(file);
    expect(() => raw.prepare("UPDATE publications SET json = '{}'").run()).toThrow(/immutable/);
    raw.close();
  });

  it('comments, answers, and counts the unanswered', async () => {
    const [entry] = entries('公安局', ['申请书']);
    await store.importMaterials('b1', { departments: ['公安局'], entries: [entry!], source: 'p.xlsx' }, ctx);
    const anon = { actor: { id: 'anonymous', role: 'anonymous' as const } };
    const c = await store.addComment('b1', { materialId: entry!.material.id, body: '建议取消' }, anon);
    expect(await store.countUnansweredComments('b1')).toBe(1);
    expect(await code(store.addComment('b1', { materialId: 'nope', body: 'x' }, anon))).toBe('NOT_FOUND');
    const answered = await store.answerComment('b1', c.id, '已采纳', ctx);
    expect(answered).toMatchObject({ answer: '已采纳', answeredBy: 'admin-1' });
    expect(await store.countUnansweredComments('b1')).toBe(0);
    expect(await store.listComments('b1', { unanswered: true })).toEqual([]);
    expect(await code(store.answerComment('b1', 999, 'x', ctx))).toBe('NOT_FOUND');
  });

  it('keeps an append-only audit log with before and after', async () => {
    await store.importMaterials(
      'b1',
      { departments: ['公安局'], entries: entries('公安局', ['申请书']), source: 'p.xlsx' },
      ctx,
    );
    const log = await store.listAudit({ batchId: 'b1' });
    expect(log.items.map((e) => e.action)).toEqual(['batch.create', 'import']);
    expect(log.items[1]).toMatchObject({
      actor: 'admin-1',
      role: 'admin',
      before: { materials: { 公安局: 0 } },
    });
    expect((log.items[1]!.after as { source: string }).source).toBe('p.xlsx');
    const raw = new Database(file);
    expect(() => raw.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => raw.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    raw.close();
  });

  it('stores tokens by hash only', async () => {
    await store.createToken(
      { id: 't1', hash: 'f'.repeat(64), role: 'department', department: '公安局', label: null },
      ctx,
    );
    expect(await store.findTokenByHash('f'.repeat(64))).toMatchObject({
      role: 'department',
      department: '公安局',
    });
    expect(await store.findTokenByHash('0'.repeat(64))).toBeUndefined();
    const entry = (await store.listAudit({ action: 'token.create' })).items[0]!;
    expect(JSON.stringify(entry.after)).not.toContain('ffff');
  });

  it('refuses a database written by a newer schema', async () => {
    await store.close();
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations VALUES (99, 'future', 'x')").run();
    raw.close();
    expect(() => createSqliteStore({ filename: file })).toThrow(/99/);
    store = createSqliteStore({ filename: ':memory:' });
  });
});
