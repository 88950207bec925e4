import { describe, expect, it } from 'vitest';
import { type InventoryCounts, programmeFigures, reductionRate } from './figures';
import { ProgrammeFileSchema, type ProgrammeInput, ProgrammeSchema, programmeOfFile } from './model';

// 63 units as the seed counts them: the first batch's 11 hold 4,363 materials (1,290 proposed and
// published), the other 52 hold 5,744 with 471 proposed — 10,107 and 1,761 in all (domain.md §16).
function seedLike() {
  const units = Array.from({ length: 63 }, (_, i) => ({
    name: `单位${String(i + 1).padStart(2, '0')}`,
    batch: i < 11 ? 'first' : 'second',
  }));
  const programme = ProgrammeSchema.parse({
    id: 'suzhou-2018',
    title: '宿州市减证便民专项清理',
    units,
    batches: [
      { id: 'first', title: '第一批', stage: 'published' },
      { id: 'second', title: '第二批' },
    ],
  } satisfies ProgrammeInput);
  // Spread the totals unevenly but exactly: unit i gets base + 1 for the first `extra` units.
  const spread = (total: number, n: number, i: number) => Math.floor(total / n) + (i < total % n ? 1 : 0);
  const inventory: InventoryCounts[] = units.map((u, i) => {
    const first = i < 11;
    const k = first ? i : i - 11;
    const n = first ? 11 : 52;
    return {
      batch: null,
      department: u.name,
      items: 5,
      materials: spread(first ? 4363 : 5744, n, k),
      proposed: spread(first ? 1290 : 471, n, k),
    };
  });
  const published = inventory
    .slice(0, 11)
    .map((c) => ({ department: c.department, materials: c.materials, cancelled: c.proposed }));
  return { programme, inventory, published };
}

describe('programmeFigures', () => {
  it('gives the seed programme: 63 units, 10,107 materials, 1,761 proposed (17.4 %), first batch 29.6 %', () => {
    const { programme, inventory, published } = seedLike();
    const figures = programmeFigures(programme, { inventory, batches: [{ id: 'first', published }] });
    expect(figures.totals).toMatchObject({
      units: 63,
      submitted: 63,
      materials: 10107,
      proposed: 1761,
      proposedRate: 17.4,
      publishedMaterials: 4363,
      cancelled: 1290,
      cancelledRate: 29.6,
    });
    const [first, second] = figures.batches;
    expect(first).toMatchObject({ units: 11, stage: 'published', materials: 4363 });
    expect(first?.published).toEqual({ materials: 4363, cancelled: 1290, rate: 29.6 });
    expect(second).toMatchObject({ units: 52, stage: 'draft', published: null, proposed: 471 });
    expect(figures.units[11]).toMatchObject({ cancelled: null, publishedMaterials: null, stage: 'draft' });
  });

  it('marks a unit with no material 应报送 and leaves it out of the submitted count', () => {
    const { programme, inventory } = seedLike();
    const figures = programmeFigures(programme, { inventory: inventory.slice(1) });
    expect(figures.units[0]).toMatchObject({ name: '单位01', state: 'due', materials: 0, proposedRate: 0 });
    expect(figures.totals.submitted).toBe(62);
  });

  it('lists departments that are no unit, and a unit counted in another batch, instead of dropping them', () => {
    const { programme, inventory } = seedLike();
    const stray: InventoryCounts = {
      batch: null,
      department: '市外事办',
      items: 1,
      materials: 7,
      proposed: 2,
    };
    const elsewhere: InventoryCounts = {
      batch: 'second',
      department: '单位01',
      items: 1,
      materials: 3,
      proposed: 1,
    };
    const figures = programmeFigures(programme, { inventory: [...inventory, stray, elsewhere] });
    expect(figures.unlisted).toEqual([stray, elsewhere]);
    expect(figures.totals.materials).toBe(10107);
  });

  it('takes the stage a store records over the programme file', () => {
    const { programme, inventory } = seedLike();
    const figures = programmeFigures(programme, {
      inventory,
      batches: [{ id: 'second', stage: 'legal-review', published: null }],
    });
    expect(figures.batches[1]?.stage).toBe('legal-review');
    expect(figures.units[20]?.stage).toBe('legal-review');
  });
});

describe('rounds', () => {
  // 砀山县: 6,693 materials at the start, 3,425 cut by 2018 and 650 in 2020 → 60.88 % against 60 %.
  const dangshan = (second: number) =>
    ProgrammeSchema.parse({
      id: 'dangshan',
      title: '砀山县减证便民',
      units: [{ name: '县政务服务管理局', batch: 'b2020' }],
      batches: [{ id: 'b2020', title: '2020年清理', stage: 'published' }],
      rounds: [
        {
          id: 'r2018',
          title: '2018年',
          baseline: { materials: 6693, date: '2018-06-01' },
          targetRate: 60,
          recordedCancelled: 3425,
        },
        {
          id: 'r2020',
          title: '2020年',
          baseline: { materials: 6693, date: '2018-06-01' },
          targetRate: 60,
          batches: ['b2020'],
          recordedCancelled: second,
        },
      ],
    });

  it('adds the rounds on one baseline: 3,425 + 650 of 6,693 = 60.88 %, target 60 % met', () => {
    const figures = programmeFigures(dangshan(0), {
      inventory: [],
      batches: [
        { id: 'b2020', published: [{ department: '县政务服务管理局', materials: 3268, cancelled: 650 }] },
      ],
    });
    expect(
      figures.rounds.map((r) => [r.cancelled, r.cumulative, r.reductionRate, r.met, r.remaining]),
    ).toEqual([
      [3425, 3425, 51.17, false, 591],
      [650, 4075, 60.88, true, 0],
    ]);
  });

  it('is not met one material short, and says how many remain', () => {
    const figures = programmeFigures(dangshan(0), {
      inventory: [],
      batches: [
        { id: 'b2020', published: [{ department: '县政务服务管理局', materials: 3268, cancelled: 590 }] },
      ],
    });
    // 60 % of 6,693 is 4,015.8: 4,015 cut is short by one.
    expect(figures.rounds[1]).toMatchObject({ cumulative: 4015, met: false, remaining: 1 });
  });

  it('starts a new count when a round has a new baseline', () => {
    const programme = dangshan(0);
    programme.rounds[1]!.baseline = { materials: 3268, date: '2020-01-01' };
    const figures = programmeFigures(programme, { inventory: [] });
    expect(figures.rounds[1]).toMatchObject({ cancelled: 0, cumulative: 0, reductionRate: 0 });
  });

  it('rounds half up to two decimals', () => {
    expect(reductionRate(4075, 6693)).toBe(60.88);
    expect(reductionRate(1, 8)).toBe(12.5);
    expect(reductionRate(1, 0)).toBe(0);
  });
});

describe('ProgrammeSchema', () => {
  it('refuses a unit listed twice and a batch the programme does not have, in zh-CN', () => {
    const result = ProgrammeSchema.safeParse({
      id: 'p',
      title: '专项',
      units: [
        { name: '市民政局', batch: 'first' },
        { name: '市民政局', batch: null },
      ],
      rounds: [
        {
          id: 'r',
          title: '第一轮',
          baseline: { materials: 1, date: '2018-01-01' },
          targetRate: 60,
          batches: ['x'],
        },
      ],
    });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toContain('单位“市民政局”重复列出');
    expect(messages).toContain('单位“市民政局”所列批次“first”不在本专项清理的批次中');
    expect(messages).toContain('轮次“第一轮”所列批次“x”不在本专项清理的批次中');
  });
});

describe('ProgrammeFileSchema', () => {
  it('reads workbooks and a batch publication, and gives the programme without the paths', () => {
    const file = ProgrammeFileSchema.parse({
      id: 'p',
      title: '专项',
      units: [{ name: '市民政局', batch: 'first' }, { name: '市公安局' }],
      batches: [{ id: 'first', title: '第一批', stage: 'published', publication: 'out/first.json' }],
      workbooks: ['units/'],
    });
    expect(file.batches[0]?.publication).toBe('out/first.json');
    const programme = programmeOfFile(file);
    expect(programme.batches).toEqual([{ id: 'first', title: '第一批', stage: 'published' }]);
    expect(programme.units[1]).toEqual({ name: '市公安局', batch: null });
    expect(ProgrammeSchema.parse(programme)).toEqual(programme);
  });

  it('refuses an unknown key rather than ignoring it', () => {
    const result = ProgrammeFileSchema.safeParse({
      id: 'p',
      title: '专项',
      units: [{ name: 'A' }],
      workbook: 'x',
    });
    expect(result.success).toBe(false);
  });
});

describe('a round without a target', () => {
  it('measures the reduction and says nothing of a target', () => {
    const programme = ProgrammeSchema.parse({
      id: 'suzhou',
      title: '宿州',
      units: [{ name: '市公安局', batch: 'first' }],
      batches: [{ id: 'first', title: '第一批', stage: 'published' }],
      rounds: [
        { id: 'r', title: '2018年', baseline: { materials: 10107, date: '2018-02-01' }, batches: ['first'] },
      ],
    });
    const figures = programmeFigures(programme, {
      inventory: [],
      batches: [
        {
          id: 'first',
          title: '市公安局等11部门清单',
          published: [{ department: '市公安局', materials: 4363, cancelled: 1290 }],
        },
      ],
    });
    expect(figures.rounds[0]).toMatchObject({
      targetRate: null,
      met: null,
      remaining: null,
      cumulative: 1290,
      reductionRate: 12.76,
    });
    expect(figures.batches[0]?.title).toBe('市公安局等11部门清单');
  });
});
