import type { JianzhengStore } from '@jianzheng/core';
import { admin, as, importDept, newBatch, publicActor, step, walk } from './fixtures';

/**
 * Fills a store with one of everything the port keeps — batches in several stages, reviewed and
 * annotated materials, answered and open comments, transitions, a publication, an adjustment
 * draft, tokens, a case, a programme and their audit — for tests that move or compare stores.
 */
export async function seedStore(store: JianzhengStore): Promise<void> {
  await newBatch(store, 'b1');
  await importDept(store, 'b1', '公安局', ['申请书', '户口簿', '无依据证明']);
  await importDept(store, 'b1', '民政局', ['婚姻状况证明', '申请书']);
  const [first] = await store.allMaterials('b1');
  await store.updateMaterial(
    'b1',
    first!.material.id,
    first!.version,
    { kind: 'annotation', annotation: { note: '本部门说明', by: 'dept', at: '2018-08-01T00:00:00Z' } },
    as(admin),
  );
  await walk(store, 'b1', 'open-comment');
  const c = await store.addComment(
    'b1',
    { materialId: first!.material.id, body: '建议取消', author: '王女士' },
    as(publicActor),
  );
  await store.answerComment('b1', c.id, '已采纳', as(admin));
  await step(store, 'b1', { action: 'close-comment', reason: '意见已充分收集' });
  await step(store, 'b1', { action: 'legal-review', result: 'passed', notes: '合法' });
  await step(store, 'b1', { action: 'approve', meetingDate: '2018-08-30' });
  await step(store, 'b1', {
    action: 'publish',
    documentNumber: '宿政办秘〔2018〕100号',
    publishedAt: '2018-09-04',
  });
  await importDept(store, 'b1', '民政局', ['婚姻状况证明']);
  await newBatch(store, 'b2');
  await importDept(store, 'b2', '市场监管局', ['营业执照']);
  await walk(store, 'b2', 'open-comment');
  const [m2] = await store.allMaterials('b2');
  await store.addComment('b2', { materialId: m2!.material.id, body: '未答复的意见' }, as(publicActor));
  await store.createToken(
    { id: 't1', hash: 'a'.repeat(64), role: 'admin', department: null, label: '管理员' },
    as(admin),
  );
  await store.createToken(
    { id: 't2', hash: 'b'.repeat(64), role: 'department', department: '公安局', label: null },
    as(admin),
  );
  // The whole token lifecycle moves too: an expiry, a login session, a use, a revocation.
  await store.createToken(
    {
      id: 't3',
      hash: 'c'.repeat(64),
      role: 'reviewer',
      department: null,
      label: '审核组',
      expiresAt: '2099-01-31T00:00:00.000Z',
    },
    as(admin),
  );
  await store.createToken(
    { id: 's1', hash: 'd'.repeat(64), role: 'admin', department: null, label: null, parentId: 't1' },
    as(admin),
  );
  await store.touchToken('t1', '2018-08-20T01:00:00.000Z');
  await store.revokeToken('t2', as(admin));
  // A supervision case, answered: contact and answer move with it.
  const opened = await store.createCase(
    {
      batchId: 'b1',
      materialId: first!.material.id,
      materialName: first!.material.name,
      itemName: first!.material.item.name,
      department: '公安局',
      place: '市民中心 3 号窗口',
      happenedOn: '2018-09-10',
      description: '仍要求提交',
      contact: '13800000000',
      dueOn: '2018-09-17',
    },
    as(publicActor),
  );
  await store.answerCase(opened.id, { outcome: 'rectified', note: '已整改' }, as(admin));
  // A programme over the batch, changed once: its revision and figures move with it.
  const programme = {
    id: 'city-2018',
    title: '市级专项清理',
    units: [
      { name: '公安局', batch: 'b1' },
      { name: '民政局', batch: 'b1' },
      { name: '教育局', batch: null },
    ],
    batches: [{ id: 'b1', title: '第一批' }],
    rounds: [
      {
        id: 'r1',
        title: '首轮',
        baseline: { materials: 9, date: '2018-02-01' },
        targetRate: 20,
        batches: ['b1'],
      },
    ],
  };
  await store.createProgramme(programme, as(admin));
  await store.updateProgramme('city-2018', 1, { ...programme, title: '市级减证便民专项清理' }, as(admin));
}

/** Everything a store shows through the port, for comparing two stores. */
export async function readThroughPort(store: JianzhengStore) {
  const batches = await store.listBatches();
  const perBatch = [];
  for (const batch of batches) {
    const publications = [];
    for (const meta of await store.listPublications(batch.id)) {
      const p = (await store.getPublication(batch.id, meta.version))!;
      publications.push({ ...p, excel: [...p.excel] });
    }
    perBatch.push({
      batch,
      materials: await store.allMaterials(batch.id),
      page: await store.listMaterials(batch.id, { q: '申请', limit: 10 }),
      transitions: await store.listTransitions(batch.id),
      publications,
      comments: await store.listComments(batch.id),
      unanswered: await store.countUnansweredComments(batch.id),
    });
  }
  const audit = [];
  for (let offset = 0; ; offset += 100) {
    const page = await store.listAudit({ offset, limit: 100 });
    audit.push(...page.items);
    if (audit.length >= page.total) break;
  }
  const tokens = await store.listTokens({ all: true, sessions: true, at: '2026-01-01T00:00:00.000Z' });
  const cases = await store.listCases();
  const programmes = [];
  for (const record of await store.listProgrammes())
    programmes.push({ record, figures: await store.summarizeProgramme(record.programme.id) });
  return { perBatch, audit, tokens, cases, programmes, publications: await store.listPublications() };
}
