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
    expect(result.stdout).toContain('申请材料 4,363 项，取消 1,410 项（其中计划取消 120 项），占比 32.3%。');
    const city = result.stdout.split('\n').find((line) => line.startsWith('全市（11 个部门）'));
    expect(city?.split(/\s{2,}/).slice(1)).toEqual(['4,363', '1,290', '120', '2.8%']);
  });

  it('counts them as effective once the day has passed', async () => {
    const result = await runCli(['report', ...workbooks, '--config', config, '--as-of', '2027-07-01']);
    expect(result.stdout).toContain('取消 1,410 项，占比 32.3%。');
    expect(result.stdout).not.toContain('计划取消');
  });
});
