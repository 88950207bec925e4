import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '@jianzheng/core';
import { importWorkbooks } from '@jianzheng/excel';
import { createPublication, type PublicationHeadInput } from '@jianzheng/json';
import { afterAll, describe, expect, it } from 'vitest';
import type { Progress } from './progress';
import { publishFileByFile } from './publish-file-by-file';
import { DEMO_DIR, tempDir } from './test-support';

const tmp = tempDir('file-by-file');
afterAll(() => tmp.remove());

const silent: Progress = { rows() {}, file() {}, done() {} };
const engine = createEngine();
const head: PublicationHeadInput = {
  jurisdiction: { code: '341300', name: '宿州市', level: 'city' },
  batch: { id: 'first', title: '第一批' },
  version: 1,
  ruleSet: engine.ruleSet,
  publishedAt: '2018-09-04T09:00:00+08:00',
};
const demo = readdirSync(DEMO_DIR)
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((f) => ({ path: join(DEMO_DIR, f), fileName: f }));

describe('publishFileByFile', () => {
  it('publishes exactly what the whole batch gives, holding one file at a time', async () => {
    const outcome = await publishFileByFile(demo, engine, head, silent);
    expect(outcome.kind).toBe('published');
    if (outcome.kind !== 'published') return;
    const whole = await importWorkbooks(demo.map((s) => ({ input: s.path, fileName: s.fileName })));
    const expected = createPublication({
      ...head,
      materials: whole.materials,
      decisions: engine.evaluate(whole.materials),
    });
    expect(outcome.publication.summary.materials).toBe(whole.materials.length);
    expect(outcome.publication.sha256).toBe(expected.sha256);
  });

  it('says so when an item is in two files, which only the whole batch can number', async () => {
    const [first] = demo;
    const outcome = await publishFileByFile(
      [first!, { path: first!.path, fileName: '副本.xlsx' }],
      engine,
      head,
      silent,
    );
    expect(outcome).toMatchObject({ kind: 'item-spans-files', files: [first!.fileName, '副本.xlsx'] });
  });

  it('reads every file before refusing, so that all problems are reported at once', async () => {
    const broken = join(tmp.path, '坏文件.xlsx');
    writeFileSync(broken, 'not a workbook');
    const outcome = await publishFileByFile(
      [{ path: broken, fileName: '坏文件.xlsx' }, demo[0]!, demo[1]!],
      engine,
      head,
      silent,
    );
    expect(outcome.kind).toBe('import-failed');
    if (outcome.kind !== 'import-failed') return;
    expect(outcome.failed).toEqual(['坏文件.xlsx']);
    const files = new Set(outcome.issues.map((i) => i.file));
    expect(files.has('坏文件.xlsx')).toBe(true);
  });
});
