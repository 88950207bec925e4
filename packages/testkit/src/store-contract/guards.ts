import { AUDIT_ACTIONS, applyReview, planTransition } from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import type { ContractEnv } from './contract';
import {
  admin,
  as,
  code,
  departmentActor,
  engine,
  entries,
  fakePublication,
  importDept,
  newBatch,
  publicActor,
  reviewer,
  step,
  walk,
} from './fixtures';

const review = (store: import('@jianzheng/core').JianzhengStore, materialId: string) =>
  store.getMaterial('b1', materialId).then((m) =>
    store.updateMaterial(
      'b1',
      materialId,
      m!.version,
      {
        kind: 'review',
        decision: applyReview(
          m!.material,
          m!.decision,
          { action: 'override', verdict: 'retain', note: '恢复' },
          { by: 'reviewer-1', at: '2018-10-01T00:00:00Z', categories: engine.categories.keys() },
        ),
      },
      as(reviewer),
    ),
  );

export function guardsContract(env: ContractEnv): void {
  describe('guards inside the write (domain.md §5)', () => {
    it('a frozen list (legal-review, approved) takes no import, review or annotation', async () => {
      const { store } = env.db();
      await newBatch(store);
      const [entry] = entries('公安局', ['申请书']);
      await store.importMaterials(
        'b1',
        { departments: ['公安局'], entries: [entry!], source: 'p' },
        as(admin),
      );
      await walk(store, 'b1', 'legal-review');
      const revision = (await store.getBatch('b1'))!.listRevision;
      expect(await code(importDept(store, 'b1', '公安局', ['户口簿']))).toBe('STAGE_LOCKED');
      expect(await code(review(store, entry!.material.id))).toBe('STAGE_LOCKED');
      const m = (await store.getMaterial('b1', entry!.material.id))!;
      const annotation = { note: '说明', by: 'x', at: '2018-08-01T00:00:00Z' };
      expect(
        await code(
          store.updateMaterial('b1', m.material.id, m.version, { kind: 'annotation', annotation }, as(admin)),
        ),
      ).toBe('STAGE_LOCKED');
      await step(store, 'b1', { action: 'approve', meetingDate: '2018-08-30' });
      expect(await code(importDept(store, 'b1', '公安局', ['户口簿']))).toBe('STAGE_LOCKED');
      expect((await store.getMaterial('b1', entry!.material.id))!.version).toBe(m.version);
      expect((await store.getBatch('b1'))!.listRevision).toBe(revision);
      expect((await store.listAudit({ action: AUDIT_ACTIONS.import })).total).toBe(1);
    });

    it('a department operator imports and annotates only its own department (谁设定，谁清理)', async () => {
      const { store } = env.db();
      await newBatch(store);
      await importDept(store, 'b1', '公安局', ['申请书'], departmentActor('公安局'));
      expect(await code(importDept(store, 'b1', '民政局', ['申请书'], departmentActor('公安局')))).toBe(
        'FORBIDDEN',
      );
      const [m] = (await store.allMaterials('b1'))!;
      const annotation = { note: '说明', by: 'x', at: '2018-08-01T00:00:00Z' };
      expect(
        await code(
          store.updateMaterial(
            'b1',
            m!.material.id,
            m!.version,
            { kind: 'annotation', annotation },
            as(departmentActor('民政局')),
          ),
        ),
      ).toBe('FORBIDDEN');
      const own = await store.updateMaterial(
        'b1',
        m!.material.id,
        m!.version,
        { kind: 'annotation', annotation },
        as(departmentActor('公安局')),
      );
      expect(own.annotation?.note).toBe('说明');
      expect((await store.listMaterials('b1', { department: '民政局' })).total).toBe(0);
    });

    it('takes comments only while the comment period is open, not after an early close', async () => {
      const { store } = env.db();
      await newBatch(store);
      const [entry] = entries('公安局', ['申请书']);
      await store.importMaterials(
        'b1',
        { departments: ['公安局'], entries: [entry!], source: 'p' },
        as(admin),
      );
      const comment = () =>
        store.addComment('b1', { materialId: entry!.material.id, body: '意见' }, as(publicActor));
      expect(await code(comment())).toBe('COMMENTS_CLOSED');
      await walk(store, 'b1', 'open-comment');
      // The period (2018-08-02 to 08-12) is checked in the transaction on the day the caller gives.
      const on = (today: string) =>
        store.addComment('b1', { materialId: entry!.material.id, body: '意见', today }, as(publicActor));
      expect(await code(on('2018-08-01'))).toBe('COMMENT_PERIOD');
      expect(await code(on('2018-08-13'))).toBe('COMMENT_PERIOD');
      expect(await store.listComments('b1')).toHaveLength(0);
      await comment();
      await store.answerComment('b1', (await store.listComments('b1'))[0]!.id, '已答复', as(admin));
      const closed = await step(store, 'b1', { action: 'close-comment', reason: '意见已充分收集' });
      expect(closed.details.commentPeriod?.closedEarly?.reason).toBe('意见已充分收集');
      expect(await code(comment())).toBe('COMMENTS_CLOSED');
      // After an early close legal review may start before the period's end date.
      const reviewed = await step(
        store,
        'b1',
        { action: 'legal-review', result: 'passed', notes: '合法' },
        { today: '2018-08-05' },
      );
      expect(reviewed.stage).toBe('legal-review');
      expect(await code(comment())).toBe('COMMENTS_CLOSED');
      expect(await store.listComments('b1')).toHaveLength(1);
    });

    it('re-checks the transition guards on what the transaction reads, not on what the caller planned', async () => {
      const { store } = env.db();
      await newBatch(store);
      const [entry] = entries('公安局', ['申请书']);
      await store.importMaterials(
        'b1',
        { departments: ['公安局'], entries: [entry!], source: 'p' },
        as(admin),
      );
      await walk(store, 'b1', 'open-comment');
      const batch = (await store.getBatch('b1'))!;
      // Planned while no comment was unanswered…
      const plan = planTransition(
        {
          stage: batch.stage,
          materialCount: 1,
          unansweredComments: 0,
          details: batch.details,
          listRevision: batch.listRevision,
        },
        { action: 'legal-review', result: 'passed', notes: '合法' },
      );
      await store.addComment('b1', { materialId: entry!.material.id, body: '意见' }, as(publicActor));
      // …written after one arrived: refused, the batch stays open for comments.
      expect(await code(store.transitionBatch('b1', plan, as(admin)))).toBe('GUARD_FAILED');
      expect((await store.getBatch('b1'))!.stage).toBe('public-comment');
      // A plan made on an older list is refused too.
      await importDept(store, 'b1', '民政局', ['申请书']);
      const [c] = await store.listComments('b1');
      await store.answerComment('b1', c!.id, '已答复', as(admin));
      expect(await code(store.transitionBatch('b1', plan, as(admin)))).toBe('VERSION_CONFLICT');
      const draft = (await store.getBatch('b1'))!;
      const submitAgain = {
        action: 'submit' as const,
        from: 'draft' as const,
        to: 'centralized-review' as const,
        fields: {},
        publishes: false,
      };
      await store.createBatch(
        { id: 'empty', title: '空', jurisdiction: draft.jurisdiction, departments: [] },
        as(admin),
      );
      expect(await code(store.transitionBatch('empty', submitAgain, as(admin)))).toBe('GUARD_FAILED');
    });

    it('after publication a change opens one adjustment draft; restoring needs a legal review of that very list', async () => {
      const { store } = env.db();
      await newBatch(store);
      await importDept(store, 'b1', '公安局', ['申请书', '无依据证明']);
      await walk(store, 'b1', 'publish');
      const cancelled = (await store.listMaterials('b1', { verdict: 'cancel' })).items[0]!;
      await importDept(store, 'b1', '公安局', ['申请书', '无依据证明'], departmentActor('公安局'));
      const opened = (await store.getBatch('b1'))!;
      expect(opened.stage).toBe('published');
      expect(opened.details.adjustment).toMatchObject({ openedBy: 'dept:公安局' });
      await review(store, cancelled.material.id);
      expect((await store.listAudit({ action: AUDIT_ACTIONS.adjustmentOpen })).total).toBe(1);
      const restoring = fakePublication(2, { changes: { restored: 1, added: 0 } });
      const adjust = { action: 'adjust', reason: '恢复' };
      expect(await code(step(store, 'b1', adjust, { publication: restoring }))).toBe('GUARD_FAILED');
      await step(store, 'b1', { action: 'review-adjustment', result: 'passed', notes: '恢复有据' });
      // The list changed after the review: the review no longer covers it.
      await importDept(store, 'b1', '民政局', ['申请书']);
      expect(await code(step(store, 'b1', adjust, { publication: restoring }))).toBe('GUARD_FAILED');
      await step(store, 'b1', { action: 'review-adjustment', result: 'passed', notes: '再次审查' });
      const v2 = await step(store, 'b1', adjust, { publication: restoring });
      expect(v2.details).toMatchObject({ publicationVersion: 2 });
      expect(v2.details.adjustment).toBeUndefined();
      // An adjustment that only cancels more is published directly.
      await importDept(store, 'b1', '民政局', ['申请书', '无依据证明']);
      const v3 = await step(store, 'b1', adjust, {
        publication: fakePublication(3, { changes: { restored: 0, added: 0 } }),
      });
      expect(v3.details.publicationVersion).toBe(3);
      expect((await store.listPublications('b1')).map((p) => p.version)).toEqual([1, 2, 3]);
    });
  });
}
