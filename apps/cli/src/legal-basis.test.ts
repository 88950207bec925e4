import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './test-support';

const tmp = tempDir('legal-basis');
afterAll(() => tmp.remove());

// Seven materials alike but for their 设定依据 (domain.md §14), each in an item of its own.
const BASES = [
  ['《中华人民共和国居民身份证法》第十四条', 'retain', 'law', []],
  ['《婚姻登记条例》（国务院令第387号）第五条', 'retain', 'administrative-regulation', []],
  ['《安徽省人口与计划生育条例》第二十条', 'retain', 'local-regulation', []],
  ['《宿州市城市绿化管理办法》（宿州市人民政府令第3号）', 'cancel', 'local-government-rule', []],
  ['《关于规范城区房屋租赁管理的通知》（宿政办〔2017〕12号）', 'cancel', 'normative-document', []],
  ['《机动车登记规定》（公安部令第124号）第四条', 'retain', 'department-rule', ['refer-to-issuer']],
  ['《窗口服务工作规程》', 'retain', 'unknown', ['needs-legal-review']],
] as const;

const config = join(tmp.path, 'city.json');
const file = join(tmp.path, '市测试局.xlsx');

describe('jianzheng evaluate: the legal level of each 设定依据', () => {
  it('retains what a law, a regulation or a local regulation sets, cancels the city’s own, flags the rest', async () => {
    writeFileSync(
      config,
      JSON.stringify({
        jurisdiction: {
          code: '341300',
          name: '宿州市',
          level: 'city',
          documentPrefixes: ['宿政', '宿政办', '宿州市人民政府令'],
        },
      }),
    );
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('材料清单');
    sheet.addRow(['实施部门', '事项名称', '材料名称', '设定依据']);
    for (const [i, [basis]] of BASES.entries())
      sheet.addRow(['市测试局', `测试登记${i + 1}`, '学历公证书', basis]);
    await workbook.xlsx.writeFile(file);

    const result = await runCli(['evaluate', file, '--config', config, '--format', 'json']);
    expect(result.code).toBe(0);
    const { materials } = JSON.parse(result.stdout);
    expect(materials).toHaveLength(7);
    materials.forEach(
      (
        m: { verdict: string; category: string | null; flags: string[]; legalBasis: { level: string } },
        i: number,
      ) => {
        const [basis, verdict, level, flags] = BASES[i]!;
        expect({ basis, verdict: m.verdict, level: m.legalBasis.level, flags: m.flags }).toEqual({
          basis,
          verdict,
          level,
          flags,
        });
        if (verdict === 'cancel') expect(m.category).toBe('no-legal-basis');
      },
    );
  });

  it('reports the materials per level, and --refer lists what to refer to each issuer', async () => {
    const report = await runCli(['report', file, '--config', config]);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('按设定依据层级');
    expect(report.stdout).toMatch(/部门规章\s+1\s+1\s+0/);
    const refer = await runCli(['report', file, '--config', config, '--refer']);
    expect(refer.code).toBe(0);
    expect(refer.stdout).toContain('公安部（1 项）');
    expect(refer.stdout).toMatch(
      /测试登记6\s+学历公证书\s+《机动车登记规定》公安部令第124号\s+第四条\s+部门规章/,
    );
    expect(refer.stdout).not.toContain('宿政办');
  });
});
