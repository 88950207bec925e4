import {
  AUDIT_ACTIONS,
  assignMaterialIds,
  type JianzhengStore,
  LegalReviewPendingError,
  planTransition,
  resolveLegalReview,
} from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import type { ContractEnv } from './contract';
import { admin, as, code, engine, newBatch, walk } from './fixtures';

const UNPLACEABLE = '《窗口服务工作规程》第三条';

/** One department's materials, each with its own 设定依据; evaluated by the default engine. */
function withBases(department: string, rows: ReadonlyArray<readonly [name: string, legalBasis: string]>) {
  const materials = assignMaterialIds(
    rows.map(([name, legalBasis]) => ({
      item: { department, name: '个体工商户登记' },
      name,
      legalBasis,
      departmentProposal: 'retain' as const,
    })),
  );
  const decisions = engine.evaluate(materials);
  return materials.map((material, i) => ({ material, decision: decisions[i]! }));
}

async function load(store: JianzhengStore, rows: ReadonlyArray<readonly [string, string]>) {
  await store.importMaterials(
    'b1',
    { departments: ['公安局'], entries: withBases('公安局', rows), source: '公安局.xlsx' },
    as(admin),
  );
}

/** A passed legal review planned on what the caller read, without the list revision (as an old client). */
async function passPlan(store: JianzhengStore, result: 'passed' | 'failed' = 'passed') {
  const batch = (await store.getBatch('b1'))!;
  return planTransition(
    {
      stage: batch.stage,
      materialCount: 1,
      unansweredComments: 0,
      legalReview: batch.details.legalReview ?? null,
      details: batch.details,
    },
    { action: 'legal-review', result, notes: result === 'passed' ? '合法' : '退回' },
  );
}

async function settle(store: JianzhengStore, materialId: string) {
  const m = (await store.getMaterial('b1', materialId))!;
  const decision = resolveLegalReview(
    m.material,
    m.decision,
    { level: 'normative-document', issuedBy: 'own', reason: '市政务服务中心内部规程，本级文件' },
    { by: 'legal-1', at: '2018-08-20T00:00:00Z' },
  );
  return store.updateMaterial(
    'b1',
    materialId,
    m.version,
    { kind: 'legal-resolution', decision },
    as({ id: 'legal-1', role: 'legal' }),
  );
}

export function legalQueueContract(env: ContractEnv): void {
  describe('the legal office’s queue (domain.md §14) inside the transition', () => {
    it('refuses a passed legal review while a needs-legal-review material is unsettled, naming it', async () => {
      const { store } = env.db();
      await newBatch(store);
      await load(store, [
        ['申请书', '《个体工商户条例》'],
        ['窗口证明', UNPLACEABLE],
      ]);
      await walk(store, 'b1', 'open-comment');
      const queued = (await store.allMaterials('b1')).find((m) => m.material.name === '窗口证明')!;
      expect(queued.decision.flags).toEqual(['needs-legal-review']);
      let refusal: unknown;
      try {
        await store.transitionBatch('b1', await passPlan(store), as(admin));
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(LegalReviewPendingError);
      expect((refusal as LegalReviewPendingError).materials).toEqual([
        { id: queued.material.id, department: '公安局', name: '窗口证明' },
      ]);
      expect((await store.getBatch('b1'))!.stage).toBe('public-comment');
      expect((await store.listAudit({ action: 'transition.legal-review' })).total).toBe(0);
      // A failed review is always possible: it sends the list back to 集中审核.
      await store.transitionBatch('b1', await passPlan(store, 'failed'), as(admin));
      expect((await store.getBatch('b1'))!.stage).toBe('centralized-review');
    });

    it('a settled level is written with its audit entry, and the review then passes', async () => {
      const { store } = env.db();
      await newBatch(store);
      await load(store, [['窗口证明', UNPLACEABLE]]);
      await walk(store, 'b1', 'open-comment');
      const [queued] = await store.allMaterials('b1');
      const settled = await settle(store, queued!.material.id);
      expect(settled.version).toBe(queued!.version + 1);
      expect(settled.decision).toMatchObject({
        verdict: 'cancel',
        category: 'no-legal-basis',
        legalBasis: { level: 'normative-document', decidedBy: 'review' },
        legalResolution: { level: 'normative-document', issuedBy: 'own', by: 'legal-1' },
      });
      const audit = await store.listAudit({ action: AUDIT_ACTIONS.legalResolve });
      expect(audit.total).toBe(1);
      expect(audit.items[0]).toMatchObject({ actor: 'legal-1', target: queued!.material.id });
      expect(audit.items[0]!.before).toMatchObject({ flags: ['needs-legal-review'] });
      expect(audit.items[0]!.after).toMatchObject({ legalResolution: { reason: expect.any(String) } });
      await store.transitionBatch('b1', await passPlan(store), as(admin));
      expect((await store.getBatch('b1'))!.stage).toBe('legal-review');
    });

    it('reads the queue in the transaction: a flagged material imported after planning still stops the pass', async () => {
      const { store } = env.db();
      await newBatch(store);
      await load(store, [['申请书', '《个体工商户条例》']]);
      await walk(store, 'b1', 'open-comment');
      const plan = await passPlan(store);
      await load(store, [
        ['申请书', '《个体工商户条例》'],
        ['窗口证明', UNPLACEABLE],
      ]);
      expect(await code(store.transitionBatch('b1', plan, as(admin)))).toBe('GUARD_FAILED');
      expect((await store.getBatch('b1'))!.stage).toBe('public-comment');
    });
  });
}
