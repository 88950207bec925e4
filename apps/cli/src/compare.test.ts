import type { JurisdictionComparison } from '@jianzheng/compare';
import { writePublication } from '@jianzheng/json/node';
import { publicationFromSpec } from '@jianzheng/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, STACK_LINE, tempDir } from './test-support';

const tmp = tempDir('compare');
afterAll(() => tmp.remove());
const files: string[] = [];

// 居民身份证: 宿州 demands it, 砀山 and 萧县 cancelled it → the one finding at k = 2.
// The item name carries markup, which the Markdown output must show as text.
beforeAll(async () => {
  const item = (department: string, materials: [string, string?][]) => ({
    department,
    code: 'GA-001',
    name: '户口迁入<script>',
    materials,
  });
  const lists = [
    publicationFromSpec(
      { code: '341300', name: '宿州市', level: 'city' },
      { id: 'sz', title: '宿州市第一批' },
      [item('市公安局', [['居民身份证'], ['迁移申请书']])],
    ),
    publicationFromSpec(
      { code: '341321', name: '砀山县', level: 'county' },
      { id: 'ds', title: '砀山县第一批', documentNumber: '砀政办〔2018〕12号' },
      [
        item('县公安局', [
          ['居民身份证', 'information-sharing'],
          ['迁移申请书', 'commitment'],
        ]),
      ],
    ),
    publicationFromSpec(
      { code: '341322', name: '萧县', level: 'county' },
      { id: 'xx', title: '萧县第一批' },
      [item('县公安局', [['居民身份证', 'internal-query'], ['迁移申请书']])],
    ),
  ];
  for (const pub of lists) files.push(await writePublication(tmp.path, pub));
});

describe('jianzheng compare', () => {
  it('prints the findings first, with the precedent, then the rows that differ', async () => {
    const result = await runCli(['compare', ...files]);
    expect(result.code).toBe(0);
    const findings = result.stdout.indexOf('仍要求、但至少 2 个地区已取消');
    const matrix = result.stdout.indexOf('各地结论不同的材料');
    expect(findings).toBeGreaterThan(0);
    expect(matrix).toBeGreaterThan(findings);
    const findingLines = result.stdout
      .slice(findings, matrix)
      .split('\n')
      .filter((l) => l.startsWith('宿州市'));
    expect(findingLines).toHaveLength(1);
    expect(findingLines[0]).toContain('居民身份证');
    expect(findingLines[0]).toContain(
      '砀山县（通过信息共享获取，砀政办〔2018〕12号）；萧县（改为部门内部查询，萧县第一批）',
    );
    expect(result.stdout.slice(matrix)).toMatch(
      /迁移申请书\s+要求\s+取消·改为申请人书面承诺、事中事后核查\s+要求/,
    );
  });

  it('gives the whole matrix as JSON, and lowers the bar with --min-cancelled', async () => {
    const result = await runCli(['compare', ...files, '--format', 'json', '--min-cancelled', '1']);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as JurisdictionComparison;
    expect(parsed.jurisdictions.map((j) => j.name)).toEqual(['宿州市', '砀山县', '萧县']);
    expect(parsed.rows.map((r) => r.cells.map((c) => c.state))).toEqual([
      ['demanded', 'cancelled', 'cancelled'],
      ['demanded', 'cancelled', 'demanded'],
    ]);
    expect(parsed.findings.map((f) => `${f.jurisdiction.name}/${f.material}`)).toEqual([
      '宿州市/居民身份证',
      '宿州市/迁移申请书',
      '萧县/迁移申请书',
    ]);
  });

  it('with one other jurisdiction says why k = 2 finds nothing, and still prints the rows', async () => {
    const result = await runCli(['compare', files[0]!, files[1]!]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('只有 1 个其他地区可比，少于 k = 2');
    expect(result.stdout).toContain('可用 k = 1 重新对标');
    expect(result.stdout.slice(result.stdout.indexOf('各地结论不同的材料'))).toContain('居民身份证');
    const json = JSON.parse((await runCli(['compare', files[0]!, files[1]!, '--format', 'json'])).stdout);
    expect(json.notice).toMatchObject({ code: 'too-few-jurisdictions', others: 1, k: 2 });
    expect(json.rows).toHaveLength(2);
  });

  it('limits the findings table with --rows too, and says how many it left out', async () => {
    const result = await runCli(['compare', ...files, '--min-cancelled', '1', '--rows', '1']);
    expect(result.code).toBe(0);
    const findings = result.stdout.slice(
      result.stdout.indexOf('已取消（先例）'),
      result.stdout.indexOf('各地结论不同的材料'),
    );
    expect(findings.split('\n').filter((l) => /^(宿州市|萧县)\s/.test(l))).toHaveLength(1);
    expect(findings).toContain('另有 2 项发现未显示');
    const all = await runCli(['compare', ...files, '--min-cancelled', '1', '--rows', '0']);
    expect(all.stdout).not.toContain('未显示');
  });

  it('escapes HTML in the Markdown output', async () => {
    const result = await runCli(['compare', ...files, '--format', 'markdown']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('户口迁入&lt;script&gt;');
    expect(result.stdout).not.toContain('<script>');
    expect(result.stdout).toMatch(/^# 对标：宿州市、砀山县、萧县$/m);
  });

  it('refuses a bad --min-cancelled and the same batch twice, exit 2 and no stack', async () => {
    const bad = await runCli(['compare', ...files, '--min-cancelled', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--min-cancelled 应为不小于 1 的整数');
    const twice = await runCli(['compare', files[0]!, files[1]!, files[0]!]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('宿州市 的批次 sz 出现两次');
    for (const result of [bad, twice]) expect(result.stderr).not.toMatch(STACK_LINE);
  });
});
