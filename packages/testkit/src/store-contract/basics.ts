import { AUDIT_ACTIONS, applyReview } from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import type { ContractEnv } from './contract';
import {
  admin,
  as,
  code,
  engine,
  entries,
  fakePublication,
  importDept,
  jurisdiction,
  newBatch,
  step,
  walk,
} from './fixtures';

export function basicsContract(env: ContractEnv): void {
  describe('batches, imports and queries', () => {
    it('creates a batch in draft at list revision 0 and refuses a duplicate id', async () => {
      const { store } = env.db();
      const created = await newBatch(store);
      expect(created).toMatchObject({ id: 'b1', stage: 'draft', details: {}, listRevision: 0, jurisdiction });
      expect(await store.getBatch('b1')).toEqual(created);
      expect(await store.getBatch('nope')).toBeUndefined();
      expect(await code(newBatch(store))).toBe('ALREADY_EXISTS');
      expect((await store.listBatches()).map((b) => b.id)).toEqual(['b1']);
    });

    it('re-import replaces one department, keeps settled decisions whose id survives, leaves others alone', async () => {
      const { store } = env.db();
      await newBatch(store);
      await importDept(store, 'b1', '公安局', ['户口簿']);
      const first = entries('市场监管局', ['营业执照', '申请书', '场所证明']);
      await store.importMaterials(
        'b1',
        { departments: ['市场监管局'], entries: first, source: 'm.xlsx' },
        as(admin),
      );
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
        as(admin),
      );
      const second = entries('市场监管局', ['申请书', '经营场所使用证明', '营业执照']);
      const result = await store.importMaterials(
        'b1',
        { departments: ['市场监管局'], entries: second, source: 'm2.xlsx' },
        as(admin),
      );
      expect(result).toEqual({
        departments: ['市场监管局'],
        added: 1,
        updated: 2,
        removed: 1,
        keptDecisions: 1,
      });
      const kept = (await store.getMaterial('b1', first[1]!.material.id))!;
      expect(kept.decision).toMatchObject({ status: 'overridden', verdict: 'cancel', note: '非必要' });
      expect(kept.version).toBe(3);
      expect(await store.getMaterial('b1', first[2]!.material.id)).toBeUndefined();
      expect((await store.listMaterials('b1', { department: '公安局' })).total).toBe(1);
      expect((await store.allMaterials('b1')).map((m) => m.material.name)).toEqual([
        '户口簿',
        '申请书',
        '经营场所使用证明',
        '营业执照',
      ]);
      expect((await store.getBatch('b1'))!.listRevision).toBe(4);
    });

    it('a failing import changes nothing; an import escaping its departments is IMPORT_SCOPE', async () => {
      const { store } = env.db();
      await newBatch(store);
      await importDept(store, 'b1', '公安局', ['户口簿', '申请书']);
      const auditBefore = (await store.listAudit()).total;
      const bad = [...entries('公安局', ['身份证明']), ...entries('公安局', ['身份证明'])];
      await expect(
        store.importMaterials('b1', { departments: ['公安局'], entries: bad, source: 'bad.xlsx' }, as(admin)),
      ).rejects.toThrow();
      const stray = entries('市场监管局', ['营业执照']);
      expect(
        await code(
          store.importMaterials('b1', { departments: ['公安局'], entries: stray, source: 'x' }, as(admin)),
        ),
      ).toBe('IMPORT_SCOPE');
      expect(await code(importDept(store, 'nope', '公安局', ['x']))).toBe('NOT_FOUND');
      expect((await store.allMaterials('b1')).map((m) => m.material.name)).toEqual(['户口簿', '申请书']);
      expect((await store.listAudit()).total).toBe(auditBefore);
      expect((await store.getBatch('b1'))!.listRevision).toBe(1);
    });

    it('filters, searches (q: NFKC, substring, literal % and _) and paginates in list order', async () => {
      const { store } = env.db();
      await newBatch(store);
      await importDept(store, 'b1', '公安局', ['户口簿', '申请书', '无犯罪记录证明']);
      await importDept(store, 'b1', '市场监管局', ['营业执照', '申请书', '无依据证明']);
      const all = await store.listMaterials('b1', { limit: 2 });
      expect(all).toMatchObject({ total: 6, offset: 0, limit: 2 });
      expect(all.items).toHaveLength(2);
      expect((await store.listMaterials('b1', { limit: 2, offset: 4 })).items).toHaveLength(2);
      expect((await store.listMaterials('b1', { q: '申请' })).total).toBe(2);
      // Surrounding spaces are trimmed (q is NFKC-normalised first).
      expect((await store.listMaterials('b1', { q: '  申请书 ' })).total).toBe(2);
      expect((await store.listMaterials('b1', { q: '个体工商户' })).total).toBe(6);
      expect((await store.listMaterials('b1', { q: '100%' })).total).toBe(0);
      expect((await store.listMaterials('b1', { q: '_' })).total).toBe(0);
      const cancelled = await store.listMaterials('b1', { verdict: 'cancel' });
      expect(cancelled.total).toBeGreaterThan(0);
      expect(cancelled.items.every((m) => m.decision.verdict === 'cancel')).toBe(true);
      const category = cancelled.items[0]!.decision.category!;
      const byCategory = await store.listMaterials('b1', { category });
      expect(byCategory.items.every((m) => m.decision.category === category)).toBe(true);
      expect((await store.listMaterials('b1', { agreement: 'engine-cancels' })).total).toBe(cancelled.total);
      expect((await store.listMaterials('b1', { status: 'proposed' })).total).toBe(6);
      const dept = await store.listMaterials('b1', { department: '市场监管局' });
      expect(dept.items.map((m) => m.material.name)).toEqual(['营业执照', '申请书', '无依据证明']);
    });

    it('refuses a stale version (If-Match) and writes nothing', async () => {
      const { store } = env.db();
      await newBatch(store);
      const [entry] = entries('公安局', ['申请书']);
      await store.importMaterials(
        'b1',
        { departments: ['公安局'], entries: [entry!], source: 'p' },
        as(admin),
      );
      const m = (await store.getMaterial('b1', entry!.material.id))!;
      const annotation = { note: '本部门意见', by: 'dept', at: '2018-08-01T00:00:00Z' };
      const next = await store.updateMaterial(
        'b1',
        m.material.id,
        m.version,
        { kind: 'annotation', annotation },
        as(admin),
      );
      expect(next.version).toBe(m.version + 1);
      const stale = store.updateMaterial(
        'b1',
        m.material.id,
        m.version,
        { kind: 'annotation', annotation: { ...annotation, note: '覆盖' } },
        as(admin),
      );
      expect(await code(stale)).toBe('VERSION_CONFLICT');
      expect((await store.getMaterial('b1', m.material.id))?.annotation?.note).toBe('本部门意见');
      expect(
        await code(store.updateMaterial('b1', 'nope', 1, { kind: 'annotation', annotation }, as(admin))),
      ).toBe('NOT_FOUND');
    });
  });

  describe('transitions, publications, comments, audit, tokens', () => {
    it('writes the transition and the publication together, derives the details, and refuses a stale stage', async () => {
      const { store } = env.db();
      await newBatch(store);
      await importDept(store, 'b1', '公安局', ['申请书']);
      await walk(store, 'b1', 'approve');
      const approved = (await store.getBatch('b1'))!;
      expect(approved.details).toMatchObject({
        confirmation: { signer: '张三' },
        commentPeriod: { end: '2018-08-12' },
        legalReview: { result: 'passed' },
        meetingDate: '2018-08-30',
      });
      // A publication whose version is not the one the details lead to is refused, stage kept.
      expect(
        await code(
          step(
            store,
            'b1',
            { action: 'publish', documentNumber: '文号', publishedAt: '2018-09-04' },
            { publication: fakePublication(2) },
          ),
        ),
      ).toBe('VERSION_CONFLICT');
      expect((await store.getBatch('b1'))!.stage).toBe('approved');
      const published = await step(store, 'b1', {
        action: 'publish',
        documentNumber: '文号',
        publishedAt: '2018-09-04',
      });
      expect(published).toMatchObject({
        stage: 'published',
        details: { publicationVersion: 1, documentNumber: '文号' },
      });
      const stalePlan = {
        action: 'submit' as const,
        from: 'draft' as const,
        to: 'centralized-review' as const,
        fields: {},
        publishes: false,
      };
      expect(await code(store.transitionBatch('b1', stalePlan, as(admin)))).toBe('VERSION_CONFLICT');
      expect((await store.listTransitions('b1')).map((t) => t.action)).toEqual([
        'submit',
        'confirm',
        'open-comment',
        'legal-review',
        'approve',
        'publish',
      ]);
      const read = (await store.getPublication('b1'))!;
      expect(read).toMatchObject({
        batchId: 'b1',
        version: 1,
        json: '{"version":1}',
        sha256: '1'.repeat(64),
      });
      expect([...read.excel]).toEqual([0x50, 0x4b, 1]);
      expect(await store.getPublication('b1', 2)).toBeUndefined();
      expect(await store.listPublications()).toEqual([
        {
          batchId: 'b1',
          version: 1,
          publishedAt: read.publishedAt,
          documentNumber: read.documentNumber,
          reason: null,
          sha256: read.sha256,
        },
      ]);
      expect(await store.listPublications('b1')).toHaveLength(1);
    });

    it('takes comments in public-comment, answers them and counts the unanswered', async () => {
      const { store } = env.db();
      await newBatch(store);
      const [entry] = entries('公安局', ['申请书']);
      await store.importMaterials(
        'b1',
        { departments: ['公安局'], entries: [entry!], source: 'p' },
        as(admin),
      );
      await walk(store, 'b1', 'open-comment');
      const anon = as({ id: 'anonymous', role: 'anonymous' });
      const c = await store.addComment(
        'b1',
        { materialId: entry!.material.id, body: '建议取消', author: '市民' },
        anon,
      );
      expect(c).toMatchObject({ batchId: 'b1', body: '建议取消', author: '市民', answer: null });
      expect(await store.countUnansweredComments('b1')).toBe(1);
      expect(await code(store.addComment('b1', { materialId: 'nope', body: 'x' }, anon))).toBe('NOT_FOUND');
      const answered = await store.answerComment('b1', c.id, '已采纳', as(admin));
      expect(answered).toMatchObject({ answer: '已采纳', answeredBy: 'admin-1' });
      expect(await store.countUnansweredComments('b1')).toBe(0);
      expect(await store.listComments('b1', { unanswered: true })).toEqual([]);
      expect(await store.listComments('b1', { materialId: entry!.material.id })).toEqual([answered]);
      expect(await code(store.answerComment('b1', 999_999, 'x', as(admin)))).toBe('NOT_FOUND');
    });

    it('keeps an audit log in the shared vocabulary, with before and after, filtered and paged', async () => {
      const { store } = env.db();
      await newBatch(store);
      await importDept(store, 'b1', '公安局', ['申请书']);
      await step(store, 'b1', { action: 'submit' });
      const log = await store.listAudit({ batchId: 'b1' });
      expect(log.items.map((e) => e.action)).toEqual([
        AUDIT_ACTIONS.batchCreate,
        AUDIT_ACTIONS.import,
        'transition.submit',
      ]);
      expect(log.items[1]).toMatchObject({
        actor: 'admin-1',
        role: 'admin',
        target: '公安局',
        before: { materials: { 公安局: 0 } },
      });
      expect(log.items[1]!.after).toMatchObject({
        source: '公安局.xlsx',
        materials: { 公安局: 1 },
        added: 1,
      });
      expect(log.items[2]).toMatchObject({
        before: { stage: 'draft' },
        after: { stage: 'centralized-review' },
      });
      const seqs = log.items.map((e) => e.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      const page = await store.listAudit({ batchId: 'b1', offset: 1, limit: 1 });
      expect(page).toMatchObject({ total: 3, offset: 1, limit: 1 });
      expect(page.items[0]!.action).toBe('import');
      expect((await store.listAudit({ action: 'import' })).total).toBe(1);
    });

    it('stores tokens by hash only and audits their creation without the hash', async () => {
      const { store } = env.db();
      const created = await store.createToken(
        { id: 't1', hash: 'f'.repeat(64), role: 'department', department: '公安局', label: '户籍科' },
        as(admin, '2026-11-30T00:00:00.000Z'),
      );
      expect(created).toMatchObject({ id: 't1', createdAt: '2026-11-30T00:00:00.000Z' });
      expect(await store.findTokenByHash('f'.repeat(64))).toEqual(created);
      expect(await store.findTokenByHash('0'.repeat(64))).toBeUndefined();
      const entry = (await store.listAudit({ action: AUDIT_ACTIONS.tokenCreate })).items[0]!;
      expect(entry.target).toBe('token:t1');
      expect(JSON.stringify(entry.after)).not.toContain('ffff');
    });
  });
}
