// domain.md §15: what leaves the system is public wording. A batch is run through the API with an
// override whose note is a unique string; the note must not reach the publication JSON, the
// Excel attachment or the public pages, and no engine reason may reach the attachment.
import { readZip } from '@jianzheng/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness, htmlPage, seededBatch } from './test-support/harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
  await seededBatch(h);
});
afterEach(async () => {
  await h.close();
});

const step = (who: Parameters<Harness['call']>[0], body: Record<string, unknown>) =>
  h.call(who, 'POST', '/api/batches/b1/transitions', body);

/** Every part of an xlsx (a zip of XML) as text: the attachment's whole content, shared strings included. */
const xlsxText = (bytes: ArrayBuffer) =>
  readZip(new Uint8Array(bytes))
    .map((entry) => Buffer.from(entry.data).toString('utf8'))
    .join('\n');

describe('public and internal text (domain.md §15)', () => {
  it('keeps an override note and the engine reasons out of everything published', async () => {
    const NOTE = 'INTERNAL-NOTE-7f3a9c 引擎因名称不完全一致未命中';
    const list = (await h.call('reviewer', 'GET', '/api/batches/b1/materials?limit=500')).body
      .items as Array<{
      material: { id: string; name: string };
      decision: { verdict: string };
      etag: string;
    }>;
    const target = list.find((r) => r.decision.verdict === 'retain')!;
    const overridden = await h.call(
      'reviewer',
      'POST',
      `/api/batches/b1/materials/${target.material.id}/review`,
      {
        action: 'override',
        verdict: 'cancel',
        category: 'commitment',
        publicReason: '实行告知承诺，申请人书面承诺',
        note: NOTE,
      },
      { 'if-match': target.etag },
    );
    expect(overridden.status).toBe(200);
    // The note is kept for operators.
    const stored = await h.call('reviewer', 'GET', `/api/batches/b1/materials/${target.material.id}`);
    expect(JSON.stringify(stored.body)).toContain(NOTE);

    expect((await step('reviewer', { action: 'submit' })).status).toBe(200);
    expect(
      (await step('reviewer', { action: 'confirm', signer: '王局长', signedAt: '2018-08-10' })).status,
    ).toBe(200);
    expect(
      (
        await step('reviewer', {
          action: 'open-comment',
          start: '2018-08-11',
          end: '2018-08-20',
          channel: '宿州市人民政府网',
        })
      ).status,
    ).toBe(200);
    // The list out for comment is public too.
    const draft = await htmlPage(h, '/lists/b1');
    expect(draft.status).toBe(200);
    expect(draft.html).not.toContain('INTERNAL-NOTE-7f3a9c');
    h.setNow('2018-08-21T09:00:00+08:00');
    const legal = await step('legal', {
      action: 'legal-review',
      result: 'passed',
      notes: '未发现违法设定',
      documentNumber: '宿司审〔2018〕5号',
      reviewer: '市司法局 李审查',
      reviewedAt: '2018-08-21',
    });
    expect(legal.status).toBe(200);
    expect((await step('admin', { action: 'approve', meetingDate: '2018-08-30' })).status).toBe(200);
    const published = await step('admin', {
      action: 'publish',
      documentNumber: '宿政办秘〔2018〕100号',
      publishedAt: '2018-09-04',
    });
    expect(published.status).toBe(200);

    const json = await h.call('anonymous', 'GET', '/api/batches/b1/publications/1/json');
    const text = typeof json.body === 'string' ? json.body : JSON.stringify(json.body);
    expect(text).not.toContain('INTERNAL-NOTE-7f3a9c');
    expect(text).not.toContain('人工改判');
    const publication = JSON.parse(text);
    expect(publication.schemaVersion).toBe('1.2');
    expect(publication.batch.legalReview).toEqual({
      documentNumber: '宿司审〔2018〕5号',
      reviewer: '市司法局 李审查',
      reviewedAt: '2018-08-21',
    });
    const rows = publication.departments.flatMap((d: { items: Array<{ materials: unknown[] }> }) =>
      d.items.flatMap((i) => i.materials),
    ) as Array<{ id: string; basis: string | null; reason?: string }>;
    expect(rows.every((r) => r.reason === undefined)).toBe(true);
    expect(rows.find((r) => r.id === target.material.id)!.basis).toBe('实行告知承诺，申请人书面承诺');

    const xlsx = await h.call('anonymous', 'GET', '/api/batches/b1/publications/1/xlsx');
    expect(xlsx.status).toBe(200);
    const attachment = xlsxText(xlsx.body as ArrayBuffer);
    expect(attachment).not.toContain('INTERNAL-NOTE-7f3a9c');
    // No engine reason text: neither a decision's reason nor any trace entry's.
    const reasons = new Set<string>();
    for (const r of list) {
      const one = await h.call('reviewer', 'GET', `/api/batches/b1/materials/${r.material.id}`);
      const decision = one.body.decision as { reason: string; trace: Array<{ reason: string }> };
      if (r.material.id !== target.material.id) reasons.add(decision.reason);
      for (const t of decision.trace) reasons.add(t.reason);
    }
    expect(reasons.size).toBeGreaterThan(5);
    for (const reason of reasons) {
      if (reason.length >= 6) expect(attachment, reason).not.toContain(reason);
    }
    expect(attachment).toContain('事项编码');
    expect(attachment).toContain('取消后办理方式');
    expect(attachment).toContain('实行告知承诺的申请材料');

    const home = await htmlPage(h, '/');
    expect(home.html).not.toContain('INTERNAL-NOTE-7f3a9c');
    const links = [...home.html.matchAll(/href="(\/items\/[^"]+)"/g)].map((m) =>
      m[1]!.replace(/&amp;/g, '&'),
    );
    const listPage = await htmlPage(h, '/lists/b1');
    links.push(...[...listPage.html.matchAll(/href="(\/items\/[^"?]+)"/g)].map((m) => m[1]!));
    expect(links.length).toBeGreaterThan(0);
    for (const link of new Set(links)) {
      const page = await htmlPage(h, link);
      expect(page.html, link).not.toContain('INTERNAL-NOTE-7f3a9c');
    }
  });
});
