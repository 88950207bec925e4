import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, createSummaryAccumulator, type Material, summarize } from '@jianzheng/core';
import { importWorkbooks } from '@jianzheng/excel';
import { createPublication, createPublicationBuilder, type PublicationHeadInput } from '@jianzheng/json';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateFileByFile } from './evaluate-file-by-file';
import type { Progress } from './progress';
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

describe('evaluateFileByFile', () => {
  // wholeFileBytes 0: every file streams item by item (the path of files over 8 MiB).
  it.each([undefined, 0])(
    'hands over exactly what the whole batch gives (whole files up to %s bytes)',
    async (wholeFileBytes) => {
      const builder = createPublicationBuilder(head);
      const counted = createSummaryAccumulator({ categories: [...engine.categories.keys()] });
      const outcome = await evaluateFileByFile(
        demo,
        engine,
        silent,
        (materials, decisions) => {
          builder.add(materials, decisions);
          for (let i = 0; i < materials.length; i++) counted.add(materials[i]!, decisions[i]);
        },
        wholeFileBytes === undefined ? {} : { wholeFileBytes },
      );
      expect(outcome).toMatchObject({ kind: 'done', failed: [] });
      const whole = await importWorkbooks(demo.map((s) => ({ input: s.path, fileName: s.fileName })));
      const decisions = engine.evaluate(whole.materials);
      const publication = builder.finish();
      expect(publication.summary.materials).toBe(whole.materials.length);
      expect(publication.sha256).toBe(
        createPublication({ ...head, materials: whole.materials, decisions }).sha256,
      );
      expect(counted.result()).toEqual(
        summarize(whole.materials, decisions, { categories: [...engine.categories.keys()] }),
      );
    },
  );

  it.each([undefined, 0])(
    'says so when an item is in two files (whole files up to %s bytes)',
    async (wholeFileBytes) => {
      const [first] = demo;
      const outcome = await evaluateFileByFile(
        [first!, { path: first!.path, fileName: '副本.xlsx' }],
        engine,
        silent,
        () => {},
        wholeFileBytes === undefined ? {} : { wholeFileBytes },
      );
      expect(outcome).toMatchObject({ kind: 'item-spans-files', files: [first!.fileName, '副本.xlsx'] });
    },
  );

  it('reads every file after a failure; all or nothing stops handing materials over', async () => {
    const broken = join(tmp.path, '坏文件.xlsx');
    writeFileSync(broken, 'not a workbook');
    const files = [demo[0]!, { path: broken, fileName: '坏文件.xlsx' }, demo[1]!];
    for (const allOrNothing of [false, true]) {
      const taken: Material[][] = [];
      const outcome = await evaluateFileByFile(files, engine, silent, (m) => taken.push([...m]), {
        allOrNothing,
      });
      expect(outcome).toMatchObject({ kind: 'done', failed: ['坏文件.xlsx'] });
      if (outcome.kind !== 'done') return;
      expect(outcome.issues.some((i) => i.file === '坏文件.xlsx' && i.severity === 'error')).toBe(true);
      // The first file is handed over either way; the third only when partial results are wanted.
      expect(taken.map((m) => m[0]!.item.department)).toEqual(
        allOrNothing
          ? [taken[0]![0]!.item.department]
          : [taken[0]![0]!.item.department, taken[1]![0]!.item.department],
      );
      expect(taken).toHaveLength(allOrNothing ? 1 : 2);
    }
  });
});
