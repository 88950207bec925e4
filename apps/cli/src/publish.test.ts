import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, STACK_LINE, tempDir } from './test-support';

const tmp = tempDir('publish');
afterAll(() => tmp.remove());

const CONFIG = join(tmp.path, 'city.config.json');
writeFileSync(CONFIG, JSON.stringify({ jurisdiction: { code: '341300', name: '宿州市', level: 'city' } }));

interface Row {
  item: string;
  material: string;
  legalBasis?: string;
  proposal?: string;
}

/** Fills the template the command wrote, the way a department clerk would. */
async function fillTemplate(template: string, output: string, rows: readonly Row[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(template);
  const sheet = workbook.worksheets[0]!;
  const header = sheet.getRow(1);
  const column = (name: string) => {
    let found = 0;
    header.eachCell((cell, col) => {
      if (String(cell.value) === name) found = col;
    });
    if (!found) throw new Error(`no column ${name} in the template`);
    return found;
  };
  rows.forEach((row, i) => {
    const r = sheet.getRow(i + 2);
    r.getCell(column('实施部门')).value = '市测试局';
    r.getCell(column('事项名称')).value = row.item;
    r.getCell(column('材料名称')).value = row.material;
    if (row.legalBasis) r.getCell(column('设定依据')).value = row.legalBasis;
    if (row.proposal) r.getCell(column('清理意见')).value = row.proposal;
  });
  await workbook.xlsx.writeFile(output);
}

const BASE: Row[] = [
  { item: '测试事项登记', material: '测试事项登记申请表', legalBasis: '《测试条例》第3条', proposal: '保留' },
  {
    item: '测试事项登记',
    material: '居民身份证（复印件）',
    legalBasis: '《测试条例》第4条',
    proposal: '取消',
  },
  { item: '测试事项登记', material: '单位介绍信', legalBasis: '无', proposal: '取消' },
];

describe('template → fill in → evaluate → publish → adjust → diff', () => {
  const template = join(tmp.path, 'template.xlsx');
  const v1Workbook = join(tmp.path, '市测试局-v1.xlsx');
  const v2Workbook = join(tmp.path, '市测试局-v2.xlsx');
  const out = join(tmp.path, 'publications');

  it('writes the submission template, and refuses to overwrite it without --force', async () => {
    const first = await runCli(['template', '-o', template, '--department', '市测试局']);
    expect(first.code).toBe(0);
    expect(existsSync(template)).toBe(true);
    const again = await runCli(['template', '-o', template]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已存在');
    expect((await runCli(['template', '-o', template, '--department', '市测试局', '--force'])).code).toBe(0);
  });

  it('imports a filled-in template and decides each material', async () => {
    await fillTemplate(template, v1Workbook, BASE);
    const result = await runCli(['evaluate', v1Workbook, '--format', 'json']);
    expect(result.code).toBe(0);
    const { materials, summary } = JSON.parse(result.stdout);
    expect(
      materials.map((m: { name: string; verdict: string; category: string | null }) => [
        m.name,
        m.verdict,
        m.category,
      ]),
    ).toEqual([
      ['测试事项登记申请表', 'retain', null],
      ['居民身份证（复印件）', 'cancel', 'information-sharing'],
      ['单位介绍信', 'cancel', 'no-legal-basis'],
    ]);
    expect(summary.agreement).toEqual({
      agree: 3,
      'engine-cancels': 0,
      'department-cancels': 0,
      'no-proposal': 0,
    });
  });

  it('publishes version 1 as JSON and Excel; needs a jurisdiction', async () => {
    const without = await runCli([
      'publish',
      v1Workbook,
      '--batch',
      'test',
      '--title',
      '第一批',
      '--out',
      out,
    ]);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('jurisdiction');
    expect(existsSync(join(out, 'test'))).toBe(false);

    const result = await runCli([
      'publish',
      v1Workbook,
      '--batch',
      'test',
      '--title',
      '第一批',
      '--doc-number',
      '宿政办秘〔2018〕1号',
      '--out',
      out,
      '--config',
      CONFIG,
      '--published-at',
      '2018-08-13T09:00:00+08:00',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('第 1 版');
    const json = JSON.parse(readFileSync(join(out, 'test/v1.json'), 'utf8'));
    expect(json.version).toBe(1);
    expect(json.batch.documentNumber).toBe('宿政办秘〔2018〕1号');
    expect(json.summary.cancelled).toBe(2);
    expect(readFileSync(join(out, 'test/v1.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('publishes an adjustment as version 2 only with a reason and, when it restores a material, a legal review', async () => {
    // The department found a legal basis for 单位介绍信: the cancelled material comes back.
    await fillTemplate(template, v2Workbook, [
      BASE[0]!,
      BASE[1]!,
      { ...BASE[2]!, legalBasis: '《测试条例》第9条', proposal: '保留' },
    ]);
    const args = [
      'publish',
      v2Workbook,
      '--batch',
      'test',
      '--title',
      '第一批',
      '--out',
      out,
      '--config',
      CONFIG,
    ];
    const noReason = await runCli(args);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--reason');
    expect(existsSync(join(out, 'test/v2.json'))).toBe(false);

    // §5: restoring a cancelled material (边减边增) passes 合法性审查 again before it is published.
    const withReason = [...args, '--reason', '市测试局补充设定依据'];
    const unreviewed = await runCli(withReason);
    expect(unreviewed.code).toBe(1);
    expect(unreviewed.stderr).toContain('未发布第 2 版：本次调整恢复 1 项已取消材料，须先通过合法性审查');
    expect(unreviewed.stderr).toContain('--legal-review');
    expect(unreviewed.stderr).toContain('单位介绍信');
    expect(unreviewed.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(join(out, 'test/v2.json'))).toBe(false);
    expect(existsSync(join(out, 'test/v2.xlsx'))).toBe(false);
    const blank = await runCli([...withReason, '--legal-review', '  ']);
    expect(blank.code).toBe(2);
    expect(blank.stderr).toContain('--legal-review 不能为空');

    const review = '市司法局合法性审查通过，宿司审〔2018〕9号';
    const result = await runCli([...withReason, '--legal-review', review]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('第 2 版');
    expect(result.stderr).toContain('恢复索要');
    expect(result.stderr).toContain('单位介绍信');
    expect(existsSync(join(out, 'test/v2.xlsx'))).toBe(true);
    const v2 = JSON.parse(readFileSync(join(out, 'test/v2.json'), 'utf8'));
    expect(v2.batch.adjustmentReason).toBe(`市测试局补充设定依据（合法性审查：${review}）`);
  });

  it('publishes an adjustment that only cancels more without a legal review', async () => {
    const cancelMore = join(tmp.path, '市测试局-cancel-more.xlsx');
    await fillTemplate(template, cancelMore, [
      { ...BASE[0]!, legalBasis: '无', proposal: '取消' },
      BASE[1]!,
      BASE[2]!,
    ]);
    const cancelOut = join(tmp.path, 'cancel-only');
    const base = ['--batch', 'c', '--title', '第一批', '--out', cancelOut, '--config', CONFIG];
    const first = await runCli(['publish', v1Workbook, ...base, '--legal-review', '审查']);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('未记录 --legal-review：第 1 版不是动态调整');
    const result = await runCli(['publish', cancelMore, ...base, '--reason', '申请表无设定依据']);
    expect(result.stderr).toContain('新取消 1');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(cancelOut, 'c/v2.json'), 'utf8')).batch.adjustmentReason).toBe(
      '申请表无设定依据',
    );
  });

  it('writes CPSV-AP JSON-LD under the configured base IRI and 统一社会信用代码; --base-iri wins and is checked', async () => {
    const linkedConfig = join(tmp.path, 'linked.config.json');
    writeFileSync(
      linkedConfig,
      JSON.stringify({
        jurisdiction: { code: '341300', name: '宿州市', level: 'city' },
        linkedData: {
          baseIri: 'https://data.suzhou.example/jz/',
          organisations: { 市测试局: '11341300003194505X' },
        },
      }),
    );
    const linkedOut = join(tmp.path, 'linked');
    const base = ['publish', v1Workbook, '--batch', 'l', '--title', '第一批', '--out', linkedOut, '--jsonld'];
    const bad = await runCli([...base, '--config', linkedConfig, '--base-iri', 'not an iri']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--base-iri 应为绝对 IRI');
    expect(existsSync(join(linkedOut, 'l'))).toBe(false);

    const configured = await runCli([...base, '--config', linkedConfig]);
    expect(configured.code, configured.stderr).toBe(0);
    const graph = (version: number) =>
      JSON.parse(readFileSync(join(linkedOut, `l/v${version}.jsonld`), 'utf8'))['@graph'] as {
        '@id': string;
      }[];
    const ids = graph(1).map((node) => node['@id']);
    expect(ids).toContain('https://data.suzhou.example/jz/organisation/11341300003194505X');
    expect(ids.filter((id) => id.includes('/service/'))).toHaveLength(1);

    const overridden = await runCli([
      ...base,
      '--config',
      linkedConfig,
      '--reason',
      '内容未变',
      '--base-iri',
      'https://open.suzhou.example/',
    ]);
    expect(overridden.code, overridden.stderr).toBe(0);
    const again = graph(2).map((node) => node['@id']);
    expect(again).toContain('https://open.suzhou.example/organisation/11341300003194505X');
    expect(
      again.map((id) => id.replace('https://open.suzhou.example/', 'https://data.suzhou.example/jz/')),
    ).toEqual(ids);
  });

  it('diffs two versions; --fail-on-regression exits 3 when a material is restored', async () => {
    const v1 = join(out, 'test/v1.json');
    const v2 = join(out, 'test/v2.json');
    const plain = await runCli(['diff', v1, v2]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('单位介绍信');
    const failing = await runCli(['diff', v1, v2, '--fail-on-regression']);
    expect(failing.code).toBe(3);
    expect(failing.stderr).toContain('回退：1 项已取消的材料恢复索要');
    const json = await runCli(['diff', v1, v2, '--format', 'json']);
    expect(JSON.parse(json.stdout).counts.restored).toBe(1);
    // No regression the other way round: v2 → v2.
    expect((await runCli(['diff', v2, v2, '--fail-on-regression'])).code).toBe(0);
  });

  it('refuses a tampered publication with a clear message', async () => {
    const v1 = join(out, 'test/v1.json');
    const tampered = join(tmp.path, 'tampered.json');
    writeFileSync(tampered, readFileSync(v1, 'utf8').replace('单位介绍信', '单位证明信'));
    const result = await runCli(['diff', tampered, join(out, 'test/v2.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/sha256|校验/);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });
});

describe('publish says what the import skipped', () => {
  // Subtotal rows, a repeated header and a signature line, as LibreOffice and openpyxl save them.
  const LAYOUTS = join(import.meta.dirname, '../../../packages/excel/fixtures/layouts');
  const files = ['libreoffice.xls', 'openpyxl.xlsx'].map((p) =>
    join(LAYOUTS, `totals-repeats-signatures.${p}`),
  );

  it.each(files)('counts the skipped rows without --verbose and names them with it (%s)', async (file) => {
    const args = (out: string) => [
      'publish',
      file,
      '--batch',
      'b',
      '--title',
      '第一批',
      '-o',
      out,
      '--config',
      CONFIG,
    ];
    const quiet = await runCli(args(join(tmp.path, `quiet-${basename(file)}`)));
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toMatch(/另有 \d+ 条导入提示未显示/);
    expect(quiet.stderr).toMatch(/more info notices not shown/);
    expect(quiet.stderr).not.toMatch(/小计或合计行/);
    const loud = await runCli([...args(join(tmp.path, `verbose-${basename(file)}`)), '--verbose']);
    expect(loud.code).toBe(0);
    expect(loud.stderr).toMatch(/第 \d+ 行.*小计或合计行/);
    expect(loud.stderr).not.toMatch(/另有 \d+ 条导入提示未显示/);
    const hidden = Number(/另有 (\d+) 条/.exec(quiet.stderr)![1]);
    expect(loud.stderr.split('\n').filter((line) => line.startsWith('提示 info'))).toHaveLength(hidden);
  });
});
