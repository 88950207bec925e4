import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness, JURISDICTION, publishedBatch } from '../test-support/harness';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const published = () => publishedBatch(h);

const docText = (bytes: Uint8Array) =>
  strFromU8(unzipSync(bytes)['word/document.xml']!).replace(/<[^>]+>/g, '');

describe('commitment letters of a published batch', () => {
  it('serves each version’s letters as JSON, .docx, a zip and a printable page; old versions stay', async () => {
    h = await harness();
    await published();
    // 经营场所证明 is in the default commitment catalog: 个体工商户登记 gets a letter.
    const list = await h.call('anonymous', 'GET', '/api/batches/b1/publications/1/letters');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    const [letter] = list.body;
    expect(letter).toMatchObject({
      department: '市市场监督管理局',
      item: { name: '个体工商户登记' },
      materials: [{ name: '经营场所证明', source: '市场主体登记信息' }],
    });

    const docx = await h.app.request(letter.links.docx);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('个体工商户登记')}`,
    );
    const text = docText(new Uint8Array(await docx.arrayBuffer()));
    expect(text).toContain('事项名称：个体工商户登记');
    expect(text).toContain('数据来源：市场主体登记信息');

    const zip = await h.app.request('/api/batches/b1/publications/latest/letters.zip');
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(entries).sort()).toEqual(['市市场监督管理局/个体工商户登记.docx', '说明.txt']);

    const page = await h.app.request(letter.links.page);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('<h1 id="letter-title">证明事项告知承诺书</h1>');
    expect(html).toContain('经营场所证明');
    expect(html).toContain('@media print');
    expect(html).toContain('申请人（签字或盖章）：');
    // The item page links to it.
    const item = await h.app.request(`/items/b1/${letter.item.slug}`);
    expect(await item.text()).toContain(`/items/b1/${letter.item.slug}/commitment`);

    // An adjustment publishes version 2: new letters; version 1's stay where they were.
    const adjusted = await h.call('admin', 'POST', '/api/batches/b1/transitions', {
      action: 'adjust',
      reason: '补充说明',
    });
    expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(200);
    const v2 = await h.app.request(`/items/b1/${letter.item.slug}/commitment`);
    const v2html = await v2.text();
    expect(v2html).toContain('第 2 版');
    expect(v2html).toContain(`?version=1`);
    const v1 = await h.app.request(`/items/b1/${letter.item.slug}/commitment?version=1`);
    expect(await v1.text()).toContain('第 1 版');
    expect((await h.app.request('/api/batches/b1/publications/1/letters.zip')).status).toBe(200);
    expect((await h.app.request('/api/batches/b1/publications/7/letters.zip')).status).toBe(404);
    expect((await h.app.request(`/items/b1/${letter.item.slug}/commitment?version=7`)).status).toBe(404);
    expect((await h.app.request('/items/b1/000000000000/commitment')).status).toBe(404);
  });

  it('uses the city’s commitmentLetter wording', async () => {
    h = await harness({
      config: {
        jurisdiction: JURISDICTION,
        commitmentLetter: { title: '证明事项告知承诺书', liability: '虚假承诺的，{department}依法处理。' },
      },
    });
    await published();
    const [letter] = (await h.call('anonymous', 'GET', '/api/batches/b1/publications/1/letters')).body;
    const text = docText(new Uint8Array(await (await h.app.request(letter.links.docx)).arrayBuffer()));
    expect(text).toContain('证明事项告知承诺书');
    expect(text).toContain('虚假承诺的，市市场监督管理局依法处理。');
  });
});
