import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainJurisdiction } from '@jianzheng/core';
import { exportPublication, importWorkbooks } from '@jianzheng/excel';
import { createPublication, serializePublication } from '@jianzheng/json';
import { afterAll, describe, expect, it } from 'vitest';
import { engineFor } from './engine';
import { DEMO_DIR, runCli, tempDir } from './test-support';

const tmp = tempDir('publish-bytes');
afterAll(() => tmp.remove());

const CONFIG = join(tmp.path, 'city.config.json');
writeFileSync(CONFIG, JSON.stringify({ jurisdiction: { code: '341300', name: '宿州市', level: 'city' } }));
const PUBLISHED_AT = '2018-09-04T09:00:00+08:00';

describe('jianzheng publish writes the same bytes as the plain path', () => {
  // The command imports on worker threads ahead of its evaluation and builds the publication file
  // by file, the JSON written in chunks. The reference here does none of that: one
  // thread imports the whole batch, createPublication builds it, serializePublication gives the
  // text as one JSON.stringify and exportPublication the attachment in memory.
  it('on the 宿州 first batch (11 workbooks, 4,363 materials)', async () => {
    const files = readdirSync(DEMO_DIR)
      .filter((f) => f.endsWith('.xlsx'))
      .sort();
    const out = join(tmp.path, 'out');
    const run = await runCli(
      [
        'publish',
        ...files,
        '--batch',
        'first',
        '--title',
        '第一批',
        '--config',
        CONFIG,
        '--published-at',
        PUBLISHED_AT,
        '--out',
        out,
      ],
      { cwd: DEMO_DIR },
    );
    expect(run.code, run.stderr).toBe(0);

    const { engine, config, timeZone } = await engineFor(CONFIG);
    const whole = await importWorkbooks(
      files.map((f) => ({ input: join(DEMO_DIR, f), fileName: f })),
      { threads: 1 },
    );
    expect(whole.ok).toBe(true);
    const reference = createPublication({
      jurisdiction: plainJurisdiction(config!.jurisdiction!),
      batch: {
        id: 'first',
        title: '第一批',
        documentNumber: null,
        approvedAt: null,
        approvedAsProposed: false,
        adjustmentReason: null,
      },
      version: 1,
      ruleSet: engine.ruleSet,
      publishedAt: PUBLISHED_AT,
      categories: [...engine.categories.values()],
      rules: engine.rules,
      materials: whole.materials,
      decisions: engine.evaluate(whole.materials),
    });
    expect(reference.summary.materials).toBe(4363);
    const json = readFileSync(join(out, 'first/v1.json'), 'utf8');
    expect(json).toBe(serializePublication(reference));
    expect(run.stdout).toContain(reference.sha256);
    const xlsx = readFileSync(join(out, 'first/v1.xlsx'));
    expect(xlsx.equals(await exportPublication(reference, { timeZone }))).toBe(true);
    expect(readdirSync(join(out, 'first')).sort()).toEqual(['v1.json', 'v1.xlsx']);
  });
});
