import {
  applyReview,
  assignMaterialIds,
  createEngine,
  type JianzhengStore,
  type MaterialInput,
  type MaterialRecord,
  type SummarizeOptions,
  summarize,
  tallyLegalBases,
} from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import type { ContractEnv } from './contract';
import { admin, as, DEPARTMENTS, jurisdiction, newBatch } from './fixtures';

// Undated, so decisions keep their effectiveFrom and each summary decides against its own day.
const engine = createEngine({
  catalogs: {
    sharedData: [
      { name: '不动产权证书', aliases: [], source: '不动产登记平台', effectiveFrom: '2027-01-01' },
      { name: '出生医学证明', aliases: [], source: '卫健委', effectiveFrom: '2026-06-01' },
      { name: '居民身份证', aliases: [], source: '公安人口库' },
    ],
  },
});

type Row = [item: MaterialInput['item'], name: string, extra?: Partial<MaterialInput>];

function evaluated(rows: readonly Row[]) {
  const inputs: MaterialInput[] = rows.map(([item, name, extra]) => ({
    item,
    name,
    legalBasis: name.includes('无依据') ? '无' : '《条例》',
    departmentProposal: 'retain',
    ...extra,
  }));
  const materials = assignMaterialIds(inputs);
  const decisions = engine.evaluate(materials);
  return materials.map((material, i) => ({ material, decision: decisions[i]! }));
}

async function importRows(store: JianzhengStore, batchId: string, department: string, rows: readonly Row[]) {
  await store.importMaterials(
    batchId,
    { departments: [department], entries: evaluated(rows), source: `${department}.xlsx` },
    as(admin),
  );
}

const [market, police, civil] = DEPARTMENTS as [string, string, string];
const licence = { department: market, name: '个体工商户登记', code: 'SC-001', type: '行政许可' as const };
const food = { department: market, name: '食品经营许可 ', type: '行政许可' as const };
const move = { department: police, name: '户籍迁移' };
const marriage = { department: civil, name: '婚姻登记', type: '行政确认' as const };
const birth = { department: civil, name: '出生登记', code: '', type: '行政确认' as const };

/**
 * Materials and decisions whose statistics columns a store migration must derive from the stored
 * JSON exactly as `itemKey` would (padded names and codes, full-width spaces, a planned
 * cancellation), for the stores' tests of the migration that adds those columns: 2 items, 1
 * planned on 2026-11-30.
 */
export function statsMigrationRecords() {
  const inputs = [
    { item: { department: '公安局', name: '户籍迁移\u3000', type: '行政确认' }, name: '不动产权证书' },
    { item: { department: '公安局', name: '户籍迁移' }, name: '户口簿' },
    { item: { department: '民政局', name: '婚姻登记', code: ' MZ-01 ' }, name: '居民身份证' },
    { item: { department: '民政局', name: '婚姻登记（补）', code: 'MZ-01' }, name: '证明', legalBasis: '无' },
  ].map((m) => ({ legalBasis: '《条例》', departmentProposal: 'retain', ...m }) as MaterialInput);
  const materials = assignMaterialIds(inputs);
  const decisions = engine.evaluate(materials);
  // The values of the columns the stores had before that migration, after batch_id, in this order.
  const oldColumns =
    'id, seq, department, item_name, name, verdict, category, agreement, status, material, decision';
  const oldRows = materials.map((m, i) => {
    const d = decisions[i]!;
    return [
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
    ];
  });
  return { materials, decisions, oldColumns, oldRows };
}

/** A list with planned cancellations on both sides of the days counted, three departments, untyped items. */
async function seedList(store: JianzhengStore) {
  await newBatch(store);
  await importRows(store, 'b1', market, [
    [licence, '营业执照'],
    [licence, '不动产权证书'],
    [licence, '申请书'],
    [licence, '无依据的证明'],
    [food, '居民身份证'],
    [food, '健康证明', { departmentProposal: 'cancel' }],
    [food, '申请书'],
  ]);
  await importRows(store, 'b1', police, [
    [move, '户口簿'],
    [move, '出生医学证明'],
    [move, '准迁证', { departmentProposal: 'cancel' }],
  ]);
  await importRows(store, 'b1', civil, [
    [marriage, '居民身份证'],
    [marriage, '不动产权证书'],
    [marriage, '单身证明', { necessary: 'no' }],
    [birth, '出生医学证明'],
    [birth, '申请书', { departmentProposal: 'unknown' }],
  ]);
  // Another batch's materials must never be counted or paged with b1's.
  await store.createBatch({ id: 'b2', title: '第二批', jurisdiction, departments: [police] }, as(admin));
  await importRows(store, 'b2', police, [[move, '不动产权证书']]);
}

async function review(
  store: JianzhengStore,
  record: MaterialRecord,
  input: Parameters<typeof applyReview>[2],
) {
  const decision = applyReview(record.material, record.decision, input, {
    by: 'reviewer-1',
    at: '2026-11-01T00:00:00Z',
    categories: engine.categories.keys(),
  });
  await store.updateMaterial(
    'b1',
    record.material.id,
    record.version,
    { kind: 'review', decision },
    as(admin),
  );
}

/** Core's summarize over every record: what the store's aggregate must equal, key order included. */
async function expectSameSummary(store: JianzhengStore, batchId: string, options: SummarizeOptions) {
  const records = await store.allMaterials(batchId);
  const expected = summarize(
    records.map((r) => r.material),
    records.map((r) => r.decision),
    options,
  );
  const actual = await store.summarizeMaterials(batchId, options);
  expect(actual).toEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  return actual;
}

async function allPages(
  store: JianzhengStore,
  batchId: string,
  query: { department?: string; limit: number },
) {
  const seen: MaterialRecord[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page = await store.pageMaterials(batchId, { ...query, cursor });
    expect(page.items.length).toBeLessThanOrEqual(query.limit);
    seen.push(...page.items);
    if (!page.next) return { seen, pages: pages + 1 };
    cursor = page.next;
  }
  throw new Error('pages never end');
}

export function summaryContract(env: ContractEnv): void {
  describe('statistics and list pages without loading the list', () => {
    const categories = [...engine.categories.keys()];

    it('summarizeMaterials equals core summarize(allMaterials) on either side of planned days', async () => {
      const { store } = env.db();
      await seedList(store);
      const before = await expectSameSummary(store, 'b1', { categories, asOf: '2026-05-01' });
      // Both dated shared-data entries are still ahead: 3 planned (不动产权证书 ×2, 出生医学证明 ×2 … one each side below).
      expect([before.materials, before.departments, before.items, before.planned]).toEqual([15, 3, 5, 4]);
      const between = await expectSameSummary(store, 'b1', { categories, asOf: '2026-11-30' });
      expect(between.planned).toBe(2);
      expect(between.effective).toBe(between.cancelled - 2);
      const after = await expectSameSummary(store, 'b1', { categories, asOf: '2027-01-01' });
      expect(after.planned).toBe(0);
      // Without a day every dated cancellation is planned, as summarize says.
      expect((await expectSameSummary(store, 'b1', { categories })).planned).toBe(4);
      await expectSameSummary(store, 'b1', {});
      // Categories outside the listed ones come after them, in the order the list meets them.
      await expectSameSummary(store, 'b1', { categories: ['commitment'], asOf: '2026-11-30' });
      await expectSameSummary(store, 'b2', { categories, asOf: '2026-11-30' });
    });

    it('countLegalLevels equals core tallyLegalBases(allMaterials).byLegalLevel, batch by batch', async () => {
      const { store } = env.db();
      await seedList(store);
      await importRows(store, 'b1', police, [
        [move, '户口簿', { legalBasis: '《中华人民共和国户口登记条例》第十条' }],
        [move, '迁移证明', { legalBasis: '《中华人民共和国行政许可法》第三十一条' }],
        [move, '准迁证', { departmentProposal: 'cancel' }],
      ]);
      for (const batchId of ['b1', 'b2']) {
        const records = await store.allMaterials(batchId);
        const expected = tallyLegalBases(
          records.map((r) => r.material),
          records.map((r) => r.decision),
        ).byLegalLevel;
        const actual = await store.countLegalLevels(batchId);
        expect(actual).toEqual(expected);
        expect(Object.values(actual).reduce((n, c) => n + c.materials, 0)).toBe(records.length);
      }
      // Three levels at least in b1 (a law, a regulation, none or unknown): the grouping is by level.
      const levels = Object.values(await store.countLegalLevels('b1')).filter((c) => c.materials > 0);
      expect(levels.length).toBeGreaterThanOrEqual(3);
      expect(await store.countLegalLevels('b3-none')).toEqual(tallyLegalBases([], []).byLegalLevel);
    });

    it('follows reviewed overrides, re-imports and an empty list', async () => {
      const { store } = env.db();
      await seedList(store);
      const records = await store.allMaterials('b1');
      const byName = (department: string, name: string) =>
        records.find((r) => r.material.item.department === department && r.material.name === name)!;
      const plannedOne = byName(civil, '不动产权证书');
      expect(plannedOne.decision.effectiveFrom).toBe('2027-01-01');
      await review(store, plannedOne, { action: 'override', verdict: 'retain', note: '仍需提交' });
      await review(store, byName(market, '申请书'), {
        action: 'override',
        verdict: 'cancel',
        category: 'not-necessary',
        note: '非必要',
      });
      await review(store, byName(police, '出生医学证明'), {
        action: 'override',
        verdict: 'cancel',
        category: 'commitment',
        note: '改为承诺',
      });
      await review(store, byName(police, '户口簿'), { action: 'confirm', note: '同意' });
      const reviewed = await expectSameSummary(store, 'b1', { categories, asOf: '2026-05-01' });
      expect(reviewed.byCategory['not-necessary']).toBeGreaterThan(0);
      await expectSameSummary(store, 'b1', { categories, asOf: '2026-11-30' });

      // A re-import drops one item and reorders another department's materials.
      await importRows(store, 'b1', market, [
        [food, '申请书'],
        [food, '不动产权证书'],
      ]);
      const reimported = await expectSameSummary(store, 'b1', { categories, asOf: '2026-11-30' });
      expect(reimported.byDepartment.map((d) => d.department)).toEqual([police, civil, market]);

      await store.createBatch({ id: 'empty', title: '空', jurisdiction, departments: [] }, as(admin));
      await expectSameSummary(store, 'empty', { categories, asOf: '2026-11-30' });
    });

    it('pageMaterials covers every material once in list order, per batch and per department', async () => {
      const { store } = env.db();
      await seedList(store);
      const all = await store.allMaterials('b1');
      const ids = (records: readonly MaterialRecord[]) => records.map((r) => r.material.id);
      const whole = await allPages(store, 'b1', { limit: 4 });
      expect(ids(whole.seen)).toEqual(ids(all));
      expect(whole.pages).toBe(4);
      expect(whole.seen).toEqual(all);
      for (const department of DEPARTMENTS) {
        const { seen } = await allPages(store, 'b1', { department, limit: 2 });
        expect(ids(seen)).toEqual(ids(all.filter((r) => r.material.item.department === department)));
      }
      expect(await store.pageMaterials('b1', { department: '无此部门' })).toEqual({ items: [], next: null });
      expect(ids((await store.pageMaterials('b2', { limit: 10 })).items)).toEqual(
        ids(await store.allMaterials('b2')),
      );
      // A page as large as the list ends without a cursor; a malformed cursor starts over.
      expect((await store.pageMaterials('b1', { limit: all.length })).next).toBeNull();
      expect(ids((await store.pageMaterials('b1', { limit: 3, cursor: 'x;1' })).items)).toEqual(
        ids(all.slice(0, 3)),
      );
    });
  });
}
