import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { form, type Harness, harness, PUBLISH_STEPS, workbook } from './test-support/harness';

let h: Harness;
afterEach(async () => h?.close());

/** A batch whose 窗口证明 rests on a basis no catalog or pattern can place (domain.md §14). */
async function queuedBatch() {
  h = await harness();
  await h.call('admin', 'POST', '/api/batches', { id: 'b1', title: '第一批', departments: ['市公安局'] });
  const bytes = await workbook('市公安局', [
    { item: '户口迁移', material: '迁移申请书', legalBasis: '《中华人民共和国户口登记条例》第十条' },
    { item: '户口迁移', material: '窗口证明', legalBasis: '《窗口服务工作规程》第三条' },
  ]);
  const imported = await h.call(
    'admin',
    'POST',
    '/api/batches/b1/imports',
    form({ name: '公安局.xlsx', bytes }),
  );
  expect(imported.status).toBe(200);
  for (const step of PUBLISH_STEPS.slice(0, 3)) {
    expect((await h.call('admin', 'POST', '/api/batches/b1/transitions', step)).status).toBe(200);
  }
}

describe('the legal office’s queue over HTTP', () => {
  it('refuses a passed legal review with 409 naming the unsettled material, then passes once it is settled', async () => {
    await queuedBatch();
    const pass = { action: 'legal-review', result: 'passed', notes: '未发现违法设定' };
    const refused = await h.call('legal', 'POST', '/api/batches/b1/transitions', pass);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'GUARD_FAILED', guard: 'legal-queue-resolved', count: 1 });
    expect(refused.body.detail).toContain('窗口证明');
    expect(refused.body.materials).toEqual([
      { id: expect.any(String), department: '市公安局', name: '窗口证明' },
    ]);

    const queue = await h.call('legal', 'GET', '/api/batches/b1/legal-queue');
    expect(queue.status).toBe(200);
    expect(queue.body.pending.map((m: { material: { name: string } }) => m.material.name)).toEqual([
      '窗口证明',
    ]);
    const row = queue.body.pending[0];
    const settle = { level: 'normative-document', issuedBy: 'own', reason: '市政务服务中心内部规程' };
    const path = `/api/batches/b1/materials/${row.material.id}/legal-resolution`;
    // Without If-Match the settlement is refused (428); a reviewer may not settle (403).
    expect((await h.call('legal', 'POST', path, settle)).status).toBe(428);
    expect((await h.call('reviewer', 'POST', path, settle, { 'if-match': `"${row.version}"` })).status).toBe(
      403,
    );
    const settled = await h.call('legal', 'POST', path, settle, { 'if-match': `"${row.version}"` });
    expect(settled.status).toBe(200);
    expect(settled.body.decision).toMatchObject({
      verdict: 'cancel',
      category: 'no-legal-basis',
      status: 'proposed',
      legalBasis: { level: 'normative-document', decidedBy: 'review' },
      legalResolution: { level: 'normative-document', issuedBy: 'own', reason: '市政务服务中心内部规程' },
    });
    const audit = await h.call('legal', 'GET', '/api/audit?batchId=b1&action=decision.legal-resolve');
    expect(audit.body.items).toHaveLength(1);

    const passed = await h.call('legal', 'POST', '/api/batches/b1/transitions', pass);
    expect(passed.status, JSON.stringify(passed.body)).toBe(200);
    expect(passed.body.batch.stage).toBe('legal-review');
  });

  it('asks whose document a 规范性文件 is (422), and refuses a second settlement of the same material', async () => {
    await queuedBatch();
    const row = (await h.call('legal', 'GET', '/api/batches/b1/legal-queue')).body.pending[0];
    const path = `/api/batches/b1/materials/${row.material.id}/legal-resolution`;
    const ifMatch = { 'if-match': `"${row.version}"` };
    const vague = await h.call(
      'legal',
      'POST',
      path,
      { level: 'normative-document', reason: '文件' },
      ifMatch,
    );
    expect(vague.status).toBe(422);
    expect(vague.body.detail).toContain('制定机关');
    const first = await h.call('legal', 'POST', path, { level: 'law', reason: '实为法律条款' }, ifMatch);
    expect(first.status).toBe(200);
    const again = await h.call(
      'legal',
      'POST',
      path,
      { level: 'law', reason: '再次认定' },
      { 'if-match': `"${first.body.version}"` },
    );
    expect(again.status).toBe(422);
    expect(again.body.detail).toContain('不在待合法性审查队列');
  });

  it('lists 建议上级取消 per issuer with the instrument, as JSON and as an Excel download, and counts by level', async () => {
    h = await harness();
    await h.call('admin', 'POST', '/api/batches', { id: 'b1', title: '第一批', departments: ['市公安局'] });
    const bytes = await workbook('市公安局', [
      {
        item: '机动车登记',
        material: '机动车登记申请表',
        legalBasis: '《机动车登记规定》（公安部令第124号）第五条',
      },
      { item: '户口迁移', material: '迁移申请书', legalBasis: '《中华人民共和国户口登记条例》第十条' },
    ]);
    expect(
      (await h.call('admin', 'POST', '/api/batches/b1/imports', form({ name: '公安局.xlsx', bytes }))).status,
    ).toBe(200);
    const res = await h.call('legal', 'GET', '/api/batches/b1/referrals');
    expect(res.status).toBe(200);
    expect(res.body.referrals).toEqual([
      {
        issuer: '公安部',
        materials: [
          expect.objectContaining({
            material: '机动车登记申请表',
            level: 'department-rule',
            instrument: '机动车登记规定',
            article: '第五条',
          }),
        ],
      },
    ]);
    expect(res.body.byLegalLevel.law).toEqual({ materials: 1, retained: 1, cancelled: 0 });
    expect(res.body.byLegalLevel['department-rule']).toEqual({ materials: 1, retained: 1, cancelled: 0 });
    const xlsx = await h.app.request('http://localhost/api/batches/b1/referrals/xlsx', {
      headers: { authorization: `Bearer ${h.tokens.legal}` },
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toContain('filename*=UTF-8');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.getWorksheet('建议上级取消')!.getCell('F4').value).toBe('机动车登记申请表');
    // A department operator may not read the legal office's lists.
    expect((await h.call('police', 'GET', '/api/batches/b1/referrals')).status).toBe(403);
  });
});
