import { AUDIT_ACTIONS, applyReview, type JianzhengStore, planTransition } from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import type { ContractEnv } from './contract';
import {
  admin,
  as,
  code,
  engine,
  entries,
  importDept,
  newBatch,
  publicActor,
  reviewer,
  walk,
} from './fixtures';

/** Runs both at once, alternating which starts first, and returns their outcomes in call order. */
async function race<A, B>(round: number, a: () => Promise<A>, b: () => Promise<B>) {
  const [first, second] = round % 2 === 0 ? [a, b] : [b, a];
  const p1 = first();
  const p2 = second();
  const [r1, r2] = await Promise.all([code(p1), code(p2)]);
  return round % 2 === 0 ? [r1, r2] : [r2, r1];
}

async function legalReviewPlan(store: JianzhengStore, batchId: string) {
  const batch = (await store.getBatch(batchId))!;
  return planTransition(
    {
      stage: batch.stage,
      materialCount: 1,
      unansweredComments: await store.countUnansweredComments(batchId),
      details: batch.details,
      listRevision: batch.listRevision,
    },
    { action: 'legal-review', result: 'passed', notes: '合法' },
  );
}

const ROUNDS = 4;

export function racesContract(env: ContractEnv): void {
  describe('races between two handles on one database', () => {
    it('an import racing the transition to legal review: exactly one wins, nothing lands in a frozen list', async () => {
      const { store } = env.db();
      const other = await env.db().open();
      for (let round = 0; round < ROUNDS; round++) {
        const id = `race-import-${round}`;
        await newBatch(store, id);
        await importDept(store, id, '公安局', ['申请书']);
        await walk(store, id, 'open-comment');
        const plan = await legalReviewPlan(store, id);
        const [imported, moved] = await race(
          round,
          () => importDept(other, id, '民政局', ['申请书', '户口簿']),
          () => store.transitionBatch(id, plan, as(admin)),
        );
        expect([imported, moved].filter((c) => c === undefined)).toHaveLength(1);
        const batch = (await store.getBatch(id))!;
        const materials = (await store.allMaterials(id)).length;
        if (imported === undefined) {
          // The import came first: the plan saw an older list.
          expect(moved).toBe('VERSION_CONFLICT');
          expect(batch.stage).toBe('public-comment');
          expect(materials).toBe(3);
        } else {
          expect(imported).toBe('STAGE_LOCKED');
          expect(batch.stage).toBe('legal-review');
          expect(materials).toBe(1);
        }
        const audit = (await store.listAudit({ batchId: id, limit: 100 })).items.map((e) => e.action);
        expect(audit.filter((a) => a === AUDIT_ACTIONS.import)).toHaveLength(imported === undefined ? 2 : 1);
      }
    });

    it('a comment racing the transition to legal review: never an unanswered comment under legal review', async () => {
      const { store } = env.db();
      const other = await env.db().open();
      for (let round = 0; round < ROUNDS; round++) {
        const id = `race-comment-${round}`;
        await newBatch(store, id);
        const [entry] = entries('公安局', ['申请书']);
        await store.importMaterials(
          id,
          { departments: ['公安局'], entries: [entry!], source: 'p' },
          as(admin),
        );
        await walk(store, id, 'open-comment');
        const plan = await legalReviewPlan(store, id);
        const [commented, moved] = await race(
          round,
          () => other.addComment(id, { materialId: entry!.material.id, body: '意见' }, as(publicActor)),
          () => store.transitionBatch(id, plan, as(admin)),
        );
        expect([commented, moved].filter((c) => c === undefined)).toHaveLength(1);
        const batch = (await store.getBatch(id))!;
        if (commented === undefined) {
          expect(moved).toBe('GUARD_FAILED');
          expect(batch.stage).toBe('public-comment');
          expect(await store.countUnansweredComments(id)).toBe(1);
        } else {
          expect(commented).toBe('COMMENTS_CLOSED');
          expect(batch.stage).toBe('legal-review');
          expect(await store.listComments(id)).toEqual([]);
        }
      }
    });

    it('two reviewers with one If-Match: exactly one review is written, the other is a conflict', async () => {
      const { store } = env.db();
      const other = await env.db().open();
      await newBatch(store);
      await importDept(store, 'b1', '公安局', ['申请书', '户口簿', '无依据证明']);
      for (const [round, m] of (await store.allMaterials('b1')).entries()) {
        const settle = (s: JianzhengStore, note: string) =>
          s.updateMaterial(
            'b1',
            m.material.id,
            m.version,
            {
              kind: 'review',
              decision: applyReview(
                m.material,
                m.decision,
                { action: 'confirm', note },
                {
                  by: reviewer.id,
                  at: '2018-08-01T00:00:00Z',
                  categories: engine.categories.keys(),
                },
              ),
            },
            as(reviewer),
          );
        const outcomes = await race(
          round,
          () => settle(store, 'A'),
          () => settle(other, 'B'),
        );
        expect(outcomes.filter((c) => c === undefined)).toHaveLength(1);
        expect(outcomes.filter((c) => c === 'VERSION_CONFLICT')).toHaveLength(1);
        const after = (await store.getMaterial('b1', m.material.id))!;
        expect(after.version).toBe(m.version + 1);
        expect(after.decision.note).toBe(outcomes[0] === undefined ? 'A' : 'B');
      }
      const reviews = await store.listAudit({ batchId: 'b1', action: AUDIT_ACTIONS.decisionReview });
      expect(reviews.total).toBe(3);
    });
  });
}
