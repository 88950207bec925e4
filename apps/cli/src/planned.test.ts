import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_DIR, REPO_ROOT, runCli } from './test-support';

const workbooks = readdirSync(DEMO_DIR)
  .filter((name) => name.endsWith('.xlsx'))
  .sort()
  .map((name) => join(DEMO_DIR, name));
const config = join(REPO_ROOT, 'examples/planned-2027/jianzheng.config.json');

describe('jianzheng report with planned cancellations (domain.md §10)', () => {
  it('prints 取消 N 项（其中计划取消 M 项） and the city-wide table: materials, planned, rate', async () => {
    const result = await runCli(['report', ...workbooks, '--config', config, '--as-of', '2026-11-30']);
    expect(result.code).toBe(0);
    // The effective figure is the seed's (1,290); how many the example plans moves with the catalogs
    // (an original is kept for 现场核验, §4; 42号文's excluded domains keep their commitments, §11),
    // so the planned count is read from the city row and checked against the sentence and the rate.
    const city = result.stdout.split('\n').find((line) => line.startsWith('全市（11 个部门）'));
    const [materials, effective, planned, rate] = city?.split(/\s{2,}/).slice(1) ?? [];
    expect([materials, effective]).toEqual(['4,363', '1,290']);
    const p = Number(planned?.replace(/,/g, ''));
    expect(p).toBeGreaterThan(100);
    expect(rate).toBe(`${((p / 4363) * 100).toFixed(1)}%`);
    const total = 1290 + p;
    expect(result.stdout).toContain(
      `申请材料 4,363 项，取消 ${total.toLocaleString('en-US')} 项（其中计划取消 ${p} 项），占比 ${((total / 4363) * 100).toFixed(1)}%。`,
    );
  });

  it('counts them as effective once the day has passed', async () => {
    const before = await runCli(['report', ...workbooks, '--config', config, '--as-of', '2026-11-30']);
    const total = /取消 ([\d,]+) 项（其中计划取消/.exec(before.stdout)?.[1];
    expect(total).toBeDefined();
    const result = await runCli(['report', ...workbooks, '--config', config, '--as-of', '2027-07-01']);
    expect(result.stdout).toContain(`取消 ${total} 项，占比`);
    expect(result.stdout).not.toContain('计划取消');
  });
});
