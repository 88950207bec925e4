import { type JianzhengStore, type ProgrammeInput, programmeFigures, summarize } from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import type { ContractEnv } from './contract';
import {
  admin,
  as,
  code,
  DEPARTMENTS,
  fakePublication,
  importDept,
  jurisdiction,
  newBatch,
  step,
  walk,
} from './fixtures';

const [market, police, civil] = DEPARTMENTS as [string, string, string];
const EDUCATION = '教育局';
const HEALTH = '卫健委';

const programme = (extra: Partial<ProgrammeInput> = {}): ProgrammeInput => ({
  id: 'city-2018',
  title: '市级减证便民专项清理',
  units: [
    { name: market, batch: 'b1' },
    { name: police, batch: 'b1' },
    { name: civil, batch: 'b1' },
    { name: EDUCATION, batch: 'b2' },
    { name: HEALTH, batch: 'b2' },
    { name: '文旅局', batch: null },
  ],
  batches: [
    { id: 'b1', title: '第一批' },
    { id: 'b2', title: '第二批' },
  ],
  rounds: [
    {
      id: 'r1',
      title: '首轮',
      baseline: { materials: 20, date: '2018-02-01' },
      targetRate: 30,
      batches: ['b1'],
    },
  ],
  ...extra,
});

/**
 * Two batches: b1 (three departments, two of them submitted) published with its real summary, b2
 * (education submitted, health not) in draft. The publication's JSON holds what `summarize` says
 * about b1's list, as `jianzheng publish` writes it.
 */
async function seedProgramme(store: JianzhengStore) {
  await newBatch(store, 'b1');
  await store.createBatch(
    { id: 'b2', title: '第二批', jurisdiction, departments: [EDUCATION, HEALTH] },
    as(admin),
  );
  await importDept(store, 'b1', market, ['营业执照', '无依据的证明', '经营场所证明']);
  await importDept(store, 'b1', police, ['居民身份证', '无依据的证明']);
  await importDept(store, 'b2', EDUCATION, ['教师资格证', '无依据的证明', '户口簿', '学历证书']);
  const list = await store.allMaterials('b1');
  const summary = summarize(
    list.map((r) => r.material),
    list.map((r) => r.decision),
  );
  await walk(store, 'b1', 'approve');
  const publication = fakePublication(1, { json: JSON.stringify({ version: 1, summary }) });
  await step(
    store,
    'b1',
    { action: 'publish', documentNumber: '宿政办秘〔2018〕100号', publishedAt: '2018-09-04' },
    { publication },
  );
  return summary;
}

/** The programme and its figures (domain.md §16): kept, guarded, counted by the database as core counts. */
export function programmeContract(env: ContractEnv): void {
  describe('programme', () => {
    it('counts units, proposals and published cancellations exactly as programmeFigures over the lists', async () => {
      const { store } = env.db();
      const summary = await seedProgramme(store);
      const created = await store.createProgramme(programme(), as(admin));
      expect(created.revision).toBe(1);

      const figures = await store.summarizeProgramme('city-2018');
      // The same figures computed here from the stored lists, in JavaScript, not by the database.
      const inventory = [];
      for (const batchId of ['b1', 'b2']) {
        const list = await store.allMaterials(batchId);
        const counted = summarize(
          list.map((r) => r.material),
          list.map((r) => r.decision),
        );
        for (const d of counted.byDepartment)
          inventory.push({
            batch: batchId,
            department: d.department,
            items: d.items,
            materials: d.materials,
            proposed: d.cancelled,
          });
      }
      const expected = programmeFigures(created.programme, {
        inventory,
        batches: [
          { id: 'b1', stage: 'published', published: summary.byDepartment },
          { id: 'b2', stage: 'draft', published: null },
        ],
      });
      expect(figures).toEqual(expected);
      expect(figures.totals).toMatchObject({
        units: 6,
        submitted: 3,
        materials: 9,
        cancelled: summary.cancelled,
      });
      expect(figures.totals.proposed).toBeGreaterThan(0);
      expect(figures.units.map((u) => [u.name, u.state, u.stage])).toEqual([
        [market, 'submitted', 'published'],
        [police, 'submitted', 'published'],
        [civil, 'due', 'published'],
        [EDUCATION, 'submitted', 'draft'],
        [HEALTH, 'due', 'draft'],
        ['文旅局', 'due', null],
      ]);
      expect(figures.rounds[0]?.cumulative).toBe(summary.cancelled);
    });

    it('keeps the programme with its revision and audits each write', async () => {
      const { store } = env.db();
      await newBatch(store, 'b1');
      await store.createBatch(
        { id: 'b2', title: '第二批', jurisdiction, departments: [EDUCATION, HEALTH] },
        as(admin),
      );
      await store.createProgramme(programme(), as(admin, '2018-03-01T09:00:00+08:00'));
      expect(await code(store.createProgramme(programme(), as(admin)))).toBe('ALREADY_EXISTS');
      const updated = await store.updateProgramme(
        'city-2018',
        1,
        programme({ title: '市级专项清理（调整）' }),
        as(admin),
      );
      expect(updated).toMatchObject({ revision: 2, createdAt: '2018-03-01T09:00:00+08:00' });
      expect(await code(store.updateProgramme('city-2018', 1, programme(), as(admin)))).toBe(
        'VERSION_CONFLICT',
      );
      expect(await code(store.updateProgramme('nope', 1, programme({ id: 'nope' }), as(admin)))).toBe(
        'NOT_FOUND',
      );
      expect((await store.getProgramme('city-2018'))?.programme.title).toBe('市级专项清理（调整）');
      // The store's batch title and stage are kept, not whatever the input said.
      expect((await store.getProgramme('city-2018'))?.programme.batches[1]).toEqual({
        id: 'b2',
        title: '第二批',
        stage: 'draft',
      });
      expect((await store.listProgrammes()).map((p) => p.programme.id)).toEqual(['city-2018']);
      const audit = await store.listAudit({ action: 'programme.update' });
      expect(audit.items).toHaveLength(1);
      expect(audit.items[0]).toMatchObject({ target: 'city-2018', actor: admin.id });
      expect((await store.listAudit({ action: 'programme.create' })).items).toHaveLength(1);
      expect(await store.getProgramme('nope')).toBeUndefined();
      expect(await code(store.summarizeProgramme('nope'))).toBe('NOT_FOUND');
    });

    it('refuses, writing nothing, a batch the store lacks, a unit outside its batch and an invalid programme', async () => {
      const { store } = env.db();
      await newBatch(store, 'b1');
      expect(await code(store.createProgramme(programme(), as(admin)))).toBe('GUARD_FAILED');
      await store.createBatch(
        { id: 'b2', title: '第二批', jurisdiction, departments: [EDUCATION] },
        as(admin),
      );
      expect(await code(store.createProgramme(programme(), as(admin)))).toBe('GUARD_FAILED');
      expect(await code(store.createProgramme({ ...programme(), units: [] }, as(admin)))).toBe(
        'PROGRAMME_INVALID',
      );
      expect(await store.listProgrammes()).toEqual([]);
      expect((await store.listAudit({ action: 'programme.create' })).items).toEqual([]);
    });

    it('lets one of two simultaneous creates of one id win', async () => {
      const { store } = env.db();
      await newBatch(store, 'b1');
      await store.createBatch(
        { id: 'b2', title: '第二批', jurisdiction, departments: [EDUCATION, HEALTH] },
        as(admin),
      );
      const other = await env.db().open();
      const codes = await Promise.all([
        code(store.createProgramme(programme(), as(admin))),
        code(other.createProgramme(programme(), as(admin))),
      ]);
      expect(codes.sort()).toEqual(['ALREADY_EXISTS', undefined]);
      expect((await store.listAudit({ action: 'programme.create' })).items).toHaveLength(1);
    });
  });
}
