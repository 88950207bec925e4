import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Actor,
  assignMaterialIds,
  createEngine,
  isJianzhengError,
  type MaterialInput,
  VersionConflictError,
} from '@jianzheng/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore, type SqliteStore } from './index';
import { answeredOnCallerThread, SQLITE_METHOD_THREADS } from './off-thread';

const admin: Actor = { id: 'admin-1', role: 'admin' };
const jurisdiction = { code: '341300', name: '宿州市', level: 'city' as const };
const engine = createEngine();
const DEPARTMENT = '市公安局';

/** `count` evaluated materials of one department, 8 to an item, as an import carries them. */
function entries(count: number) {
  const inputs: MaterialInput[] = Array.from({ length: count }, (_, i) => ({
    item: { department: DEPARTMENT, name: `事项${Math.floor(i / 8)}` },
    name: `材料${i}${i % 5 === 0 ? '居民户口簿' : ''}`,
    legalBasis: '《户口登记条例》',
    departmentProposal: 'retain',
  }));
  const materials = assignMaterialIds(inputs);
  const decisions = engine.evaluate(materials);
  return materials.map((material, i) => ({ material, decision: decisions[i]! }));
}

const dirs: string[] = [];
const stores: SqliteStore[] = [];
function open(offThread: boolean): SqliteStore {
  const dir = mkdtempSync(join(tmpdir(), 'jz-off-thread-'));
  dirs.push(dir);
  const store = createSqliteStore({ filename: join(dir, 'jianzheng.db'), offThread });
  stores.push(store);
  return store;
}
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** An off-thread store with batch b1 holding `count` imported materials. */
async function withImport(count: number): Promise<SqliteStore> {
  const store = open(true);
  await store.createBatch(
    { id: 'b1', title: '第一批', jurisdiction, departments: [DEPARTMENT] },
    { actor: admin },
  );
  await store.importMaterials(
    'b1',
    { departments: [DEPARTMENT], entries: entries(count), source: 'a.xlsx' },
    { actor: admin },
  );
  return store;
}

/** Imports `count` materials and counts the timer ticks this thread ran while it waited. */
async function ticksDuringImport(store: SqliteStore, count: number) {
  await store.createBatch(
    { id: 'b1', title: '第一批', jurisdiction, departments: [DEPARTMENT] },
    { actor: admin },
  );
  const input = { departments: [DEPARTMENT], entries: entries(count), source: 'big.xlsx' };
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  const order: string[] = [];
  const writing = store.importMaterials('b1', input, { actor: admin }).then((result) => {
    order.push('import');
    return result;
  });
  const reading = store.getBatch('b1').then(() => order.push('read'));
  const result = await writing;
  await reading;
  clearInterval(timer);
  return { ticks, order, result };
}

describe('createSqliteStore({ offThread: true })', () => {
  it('writes a 20,000-material import on the worker while this thread keeps running timers and reads', async () => {
    const { ticks, order, result } = await ticksDuringImport(open(true), 20_000);
    expect(result.added).toBe(20_000);
    expect(ticks).toBeGreaterThan(0);
    expect(order).toEqual(['read', 'import']);
  });

  it('inline (the default), the same import holds this thread: no timer runs until it is written', async () => {
    const { ticks, order, result } = await ticksDuringImport(open(false), 20_000);
    expect(result.added).toBe(20_000);
    expect(ticks).toBe(0);
    expect(order).toEqual(['import', 'read']);
  });

  it('reads see every write as soon as it resolves, and the write is in the audit log', async () => {
    const store = await withImport(40);
    expect((await store.listMaterials('b1', { limit: 100 })).items).toHaveLength(40);
    expect((await store.getBatch('b1'))?.listRevision).toBe(1);
    const audit = await store.listAudit({ batchId: 'b1' });
    expect(audit.items.map((e) => e.action)).toContain('import');
  });

  it('a refused write comes back as the class and data the inline store throws', async () => {
    const store = await withImport(3);
    const [record] = (await store.listMaterials('b1', { limit: 1 })).items;
    const stale = store.updateMaterial(
      'b1',
      record!.material.id,
      record!.version + 1,
      { kind: 'annotation', annotation: { note: '核对', by: 'admin-1', at: '2018-09-04T00:00:00Z' } },
      { actor: admin },
    );
    const error = await stale.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(isJianzhengError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'VERSION_CONFLICT',
      name: 'VersionConflictError',
      expected: record!.version + 1,
      actual: record!.version,
    });
    expect((error as VersionConflictError).messageEn).toMatch(/nothing was written/);
    const again = await store
      .createBatch({ id: 'b1', title: '重复', jurisdiction, departments: [] }, { actor: admin })
      .catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('sends exactly the writes to the worker: a new store method must be classified on purpose', () => {
    const store = open(false);
    const methods = Object.keys(store).filter((key) => typeof store[key as keyof SqliteStore] === 'function');
    // The table is the whole store: no method is placed by its name.
    expect(Object.keys(SQLITE_METHOD_THREADS).sort()).toEqual([...methods].sort());
    expect(methods.filter((m) => !answeredOnCallerThread(m)).sort()).toEqual(
      [
        'addComment',
        'answerCase',
        'answerComment',
        'close',
        'closeCase',
        'createBatch',
        'createCase',
        'createProgramme',
        'createToken',
        'hitRateLimit',
        'importMaterials',
        'importSnapshot',
        'revokeToken',
        'touchToken',
        'transitionBatch',
        'updateMaterial',
        'updateProgramme',
      ].sort(),
    );
  });

  it('refuses a clock (it cannot cross threads) instead of ignoring it', () => {
    expect(() => createSqliteStore({ filename: ':memory:', offThread: true, now: () => new Date() })).toThrow(
      /now.*offThread/,
    );
  });

  it('an idle store does not keep the process alive, and after close a write is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jz-off-thread-'));
    dirs.push(dir);
    const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const script = `
      const { createSqliteStore } = await import(${JSON.stringify(entry)});
      const store = createSqliteStore({ filename: ${JSON.stringify(join(dir, 'j.db'))}, offThread: true });
      await store.createBatch({ id: 'b1', title: 't', jurisdiction: { code: '1', name: 'x', level: 'city' }, departments: [] }, { actor: { id: 'a', role: 'admin' } });
      console.log('written');`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('written');
    expect(run.status).toBe(0);

    const store = open(true);
    await store.close();
    const refused = await store
      .createBatch({ id: 'b2', title: 't', jurisdiction, departments: [] }, { actor: admin })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'STORE_WRITER_STOPPED' });
  });
});
