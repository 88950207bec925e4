import type { Actor, JianzhengStore, NewCase } from '@jianzheng/core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ContractEnv } from './contract';

const admin: Actor = { id: 'admin', role: 'admin' };
const market: Actor = { id: 'tok-market', role: 'department', department: '市市场监督管理局' };
const police: Actor = { id: 'tok-police', role: 'department', department: '市公安局' };
const reviewer: Actor = { id: 'tok-rev', role: 'reviewer' };

const report = (department: string, contact?: string): NewCase => ({
  batchId: 'b1',
  materialId: 'm1',
  materialName: '经营场所证明',
  itemName: '个体工商户登记',
  department,
  place: '市民中心 3 号窗口',
  happenedOn: '2026-11-26',
  description: '仍要求提交',
  ...(contact ? { contact } : {}),
  dueOn: '2026-12-04',
});

/** Supervision cases (domain.md §12): the guards of answering and closing, the audit, the queries. */
export function casesContract(env: ContractEnv): void {
  describe('supervision cases', () => {
    let store: JianzhengStore;
    beforeEach(async () => {
      store = env.db().store;
      await store.createBatch(
        {
          id: 'b1',
          title: '第一批',
          jurisdiction: { code: '341300', name: '宿州市', level: 'city' },
          departments: ['市市场监督管理局', '市公安局'],
        },
        { actor: admin },
      );
    });
    it('opens a case assigned to the department, answers it, closes it, and audits each step without the contact', async () => {
      const created = await store.createCase(report('市市场监督管理局', '13800000000'), {
        actor: { id: 'anonymous', role: 'anonymous' },
        at: '2026-11-27T02:00:00.000Z',
      });
      expect(created).toMatchObject({
        id: 1,
        number: 'DC2026000001',
        status: 'assigned',
        contact: '13800000000',
      });
      await expect(
        store.answerCase(created.id, { outcome: 'rectified', note: '' }, { actor: police }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(store.closeCase(created.id, null, { actor: reviewer })).rejects.toMatchObject({
        code: 'CASE_STATE',
      });
      const answered = await store.answerCase(
        created.id,
        { outcome: 'rectified', note: '已整改' },
        { actor: market, at: '2026-11-28T02:00:00.000Z' },
      );
      expect(answered.answer).toEqual({
        outcome: 'rectified',
        note: '已整改',
        by: 'tok-market',
        at: '2026-11-28T02:00:00.000Z',
      });
      await expect(
        store.answerCase(created.id, { outcome: 'not-applicable', note: 'x' }, { actor: market }),
      ).rejects.toMatchObject({ code: 'CASE_STATE' });
      const closed = await store.closeCase(created.id, '核实', { actor: reviewer });
      expect(closed).toMatchObject({
        status: 'closed',
        closed: { by: 'tok-rev', note: '核实' },
        answer: answered.answer,
      });

      const audit = await store.listAudit({ batchId: 'b1', limit: 100 });
      const steps = audit.items.filter((e) => e.action.startsWith('case.'));
      expect(steps.map((e) => e.action)).toEqual(['case.create', 'case.assign', 'case.answer', 'case.close']);
      expect(JSON.stringify(steps)).not.toContain('13800000000');
    });

    it('lists by department and status, and reads the same cases through another handle', async () => {
      await store.createCase(report('市市场监督管理局'), { actor: admin });
      await store.createCase(report('市公安局'), { actor: admin });
      const second = await store.createCase(report('市公安局'), { actor: admin });
      await store.answerCase(second.id, { outcome: 'not-applicable', note: '法律规定' }, { actor: police });
      expect((await store.listCases({ department: '市公安局' })).map((c) => c.id)).toEqual([2, 3]);
      expect((await store.listCases({ status: 'answered' })).map((c) => c.id)).toEqual([3]);
      expect(await store.getCase(99)).toBeUndefined();
      const other = await env.db().open();
      expect((await other.listCases()).map((c) => [c.number.slice(-1), c.status])).toEqual([
        ['1', 'assigned'],
        ['2', 'assigned'],
        ['3', 'answered'],
      ]);
    });
  });
}
