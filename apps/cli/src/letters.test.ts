import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR, runCli, STACK_LINE, tempDir } from './test-support';

const tmp = tempDir('letters');
afterAll(() => tmp.remove());

const workbook = join(
  DEMO_DIR,
  readdirSync(DEMO_DIR).find((name) => name.startsWith('01-') && name.endsWith('.xlsx'))!,
);
const publications = join(tmp.path, 'publications');
const v1 = join(publications, 'ga', 'v1.json');

function docText(bytes: Uint8Array): string {
  return strFromU8(unzipSync(bytes)['word/document.xml']!).replace(/<[^>]+>/g, '');
}

beforeAll(async () => {
  const config = join(tmp.path, 'city.json');
  writeFileSync(config, JSON.stringify({ jurisdiction: { code: '341300', name: '宿州市', level: 'city' } }));
  const published = await runCli([
    'publish',
    workbook,
    '--config',
    config,
    '--batch',
    'ga',
    '--title',
    '第一批',
    '--out',
    publications,
  ]);
  expect(published.code, published.stderr).toBe(0);
});

describe('jianzheng letters', () => {
  it('writes one Word document per item with commitment cancellations, and never overwrites a version', async () => {
    const publication = JSON.parse(readFileSync(v1, 'utf8'));
    const expected = publication.departments.flatMap(
      (d: { items: { name: string; materials: { name: string; category: { id: string } | null }[] }[] }) =>
        d.items
          .map((item) => ({
            item: item.name,
            materials: item.materials.filter((m) => m.category?.id === 'commitment'),
          }))
          .filter((item) => item.materials.length > 0),
    );
    expect(expected.length).toBeGreaterThan(0);

    const out = join(tmp.path, 'letters');
    const result = await runCli(['letters', v1, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`告知承诺书 ${expected.length} 份`);
    const dir = join(out, 'ga', 'v1-letters', '市公安局');
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(expected.length);
    for (const { item, materials } of expected) {
      const text = docText(readFileSync(join(dir, `${item}.docx`)));
      expect(text).toContain(`事项名称：${item}`);
      for (const m of materials) expect(text).toContain(m.name);
    }

    const again = await runCli(['letters', v1, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('不覆盖');
    expect(again.stderr).not.toMatch(STACK_LINE);
  });

  it('zips the letters with a city’s wording from --config', async () => {
    const config = join(tmp.path, 'wording.json');
    writeFileSync(
      config,
      JSON.stringify({
        commitmentLetter: { title: '证明事项告知承诺书', liability: '虚假承诺的，依法追究责任。' },
      }),
    );
    const out = join(tmp.path, 'zipped');
    const result = await runCli(['letters', v1, '--out', out, '--config', config, '--zip']);
    expect(result.code, result.stderr).toBe(0);
    const zip = unzipSync(readFileSync(join(out, 'ga', 'v1-letters.zip')));
    const docs = Object.keys(zip).filter((name) => name.endsWith('.docx'));
    expect(docs.length).toBeGreaterThan(0);
    const text = docText(zip[docs[0]!]!);
    expect(text).toContain('证明事项告知承诺书');
    expect(text).toContain('虚假承诺的，依法追究责任。');
    expect(existsSync(join(out, 'ga', 'v1-letters'))).toBe(false);
  });

  it('refuses a file that is not a publication with a message, not a stack trace', async () => {
    const bad = join(tmp.path, 'bad.json');
    writeFileSync(bad, '{"schemaVersion": "1.0"}');
    const result = await runCli(['letters', bad, '--out', join(tmp.path, 'x')]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });
});
