import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, STACK_LINE, tempDir } from './test-support';

// A programme of three units: two submit workbooks (民政 and 公安, in the first batch), the third
// (卫健委) has not; a fourth department's workbook is no unit. The figures are checked against what
// `jianzheng report` and `jianzheng publish` say about the same workbooks, not against numbers
// written here.
const tmp = tempDir('programme');
afterAll(() => tmp.remove());
const HEADERS = ['实施部门', '事项名称', '材料名称', '材料来源', '开具单位', '设定依据', '清理意见'];

async function workbook(name: string, rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('清单');
  ws.addRow(HEADERS);
  for (const row of rows) ws.addRow(row);
  const path = join(tmp.path, 'units', name);
  await wb.xlsx.writeFile(path);
  return path;
}

const programme = {
  id: 'test-city-2018',
  title: '测试市减证便民专项清理',
  units: [
    { name: '市民政局', batch: 'first' },
    { name: '市公安局', batch: 'first' },
    { name: '市卫生健康委员会', batch: 'second' },
  ],
  batches: [
    { id: 'first', title: '第一批', publication: 'out/first/v1.json' },
    { id: 'second', title: '第二批' },
  ],
  rounds: [
    {
      id: 'r1',
      title: '首轮',
      baseline: { materials: 10, date: '2018-02-01' },
      targetRate: 60,
      batches: ['first'],
    },
  ],
  workbooks: ['units'],
};

beforeAll(async () => {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(tmp.path, 'units'));
  await workbook('01-民政.xlsx', [
    ['市民政局', '婚姻登记', '居民身份证（复印件）', '政府部门核发', '公安机关', '《婚姻登记条例》', '取消'],
    ['市民政局', '婚姻登记', '户口簿（复印件）', '政府部门核发', '公安机关', '《婚姻登记条例》', '取消'],
    ['市民政局', '婚姻登记', '婚姻登记申请表', '申请人自备', '', '《婚姻登记条例》', '保留'],
    ['市民政局', '婚姻登记', '无婚姻状况证明', '其他', '张洼村民委员会', '', '取消'],
  ]);
  await workbook('02-公安.xlsx', [
    ['市公安局', '户口迁移', '户口迁移申请表', '申请人自备', '', '《户口登记条例》', '保留'],
    [
      '市公安局',
      '户口迁移',
      '营业执照（复印件）',
      '政府部门核发',
      '市场监督管理局',
      '《户口登记条例》',
      '取消',
    ],
  ]);
  await workbook('03-外事.xlsx', [
    ['市外事办', '因公出国', '出国任务批件', '政府部门核发', '市外事办', '《规定》', '保留'],
  ]);
  writeFileSync(join(tmp.path, 'programme.json'), JSON.stringify(programme));
  writeFileSync(
    join(tmp.path, 'city.config.json'),
    JSON.stringify({ jurisdiction: { code: '340000', name: '测试市', level: 'city' } }),
  );
  const published = await runCli(
    [
      'publish',
      'units/01-民政.xlsx',
      'units/02-公安.xlsx',
      '--batch',
      'first',
      '--title',
      '第一批',
      '-o',
      'out',
      '--approved',
      '测政〔2018〕1号',
      '--config',
      'city.config.json',
    ],
    { cwd: tmp.path },
  );
  expect(published.stderr).not.toMatch(STACK_LINE);
  expect(published.code).toBe(0);
}, 120_000);

describe('jianzheng report --programme (domain.md §16)', () => {
  it('counts units, proposals and published cancellations as report and publish do', async () => {
    const json = await runCli(['report', '--programme', 'programme.json', '--format', 'json'], {
      cwd: tmp.path,
    });
    expect(json.code).toBe(0);
    const figures = JSON.parse(json.stdout);
    const plain = await runCli(['report', 'units/01-民政.xlsx', 'units/02-公安.xlsx'], { cwd: tmp.path });
    const cancelled = Number(/取消 ([\d,]+) 项/.exec(plain.stdout)?.[1]);
    expect(cancelled).toBeGreaterThan(0);
    const { readFileSync } = await import('node:fs');
    const publication = JSON.parse(readFileSync(join(tmp.path, 'out/first/v1.json'), 'utf8'));

    expect(figures.totals).toMatchObject({ units: 3, submitted: 2, materials: 6, proposed: cancelled });
    expect(figures.totals.cancelled).toBe(publication.summary.cancelled);
    expect(figures.totals.publishedMaterials).toBe(6);
    expect(figures.units.map((u: { name: string; state: string }) => [u.name, u.state])).toEqual([
      ['市民政局', 'submitted'],
      ['市公安局', 'submitted'],
      ['市卫生健康委员会', 'due'],
    ]);
    expect(figures.batches[0]).toMatchObject({ stage: 'published', units: 2 });
    expect(figures.batches[1]).toMatchObject({ stage: 'draft', published: null });
    expect(figures.rounds[0].cumulative).toBe(publication.summary.cancelled);
    // The stray department is said on stderr and listed, never silently counted or dropped.
    expect(figures.unlisted.map((u: { department: string }) => u.department)).toEqual(['市外事办']);
    expect(json.stderr).toContain('“市外事办”不在专项清理的单位名单中，其申请材料 1 项未计入');
  }, 120_000);

  it('prints the units with 已报送/应报送 and the round against its target, as a table and as Markdown', async () => {
    const table = await runCli(['report', '--programme', 'programme.json'], { cwd: tmp.path });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('应报送单位 3 个，已报送 2 个；申请材料 6 项');
    expect(table.stdout).toMatch(/市卫生健康委员会\s+应报送\s+第二批\s+草稿/);
    expect(table.stdout).toMatch(/市民政局\s+已报送\s+第一批\s+已公布/);
    expect(table.stdout).toMatch(/首轮\s+10\s+2018-02-01/);
    const markdown = await runCli(['report', '--programme', 'programme.json', '-f', 'markdown'], {
      cwd: tmp.path,
    });
    expect(markdown.stdout).toContain('# 测试市减证便民专项清理');
    expect(markdown.stdout).toMatch(/\| 市卫生健康委员会 \| 应报送 \| 第二批 \| 草稿 \|/);
  }, 120_000);

  it('refuses a programme naming a batch it does not have, in zh-CN with the path, exit 2', async () => {
    const bad = { ...programme, units: [{ name: '市民政局', batch: 'third' }] };
    writeFileSync(join(tmp.path, 'bad.json'), JSON.stringify(bad));
    const result = await runCli(['report', '--programme', 'bad.json'], { cwd: tmp.path });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '专项清理文件 bad.json 无效：units.0.batch：单位“市民政局”所列批次“third”不在本专项清理的批次中',
    );
    expect(result.stderr).not.toMatch(STACK_LINE);
  }, 60_000);

  it('says when a batch is marked published but names no publication', async () => {
    const marked = {
      ...programme,
      batches: [
        { id: 'first', title: '第一批', stage: 'published' },
        { id: 'second', title: '第二批' },
      ],
    };
    writeFileSync(join(tmp.path, 'marked.json'), JSON.stringify(marked));
    const result = await runCli(['report', '--programme', 'marked.json', '-f', 'json'], { cwd: tmp.path });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      '批次“第一批”标为已公布，但未给出其发布文件（publication），已取消数不计',
    );
    expect(JSON.parse(result.stdout).batches[0]).toMatchObject({ stage: 'published', published: null });
  }, 60_000);

  it('keeps json to --programme', async () => {
    const result = await runCli(['report', 'units/01-民政.xlsx', '-f', 'json'], { cwd: tmp.path });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('report 的 json 格式只用于 --programme');
  }, 60_000);
});

describe('jianzheng report --programme <id> from the service’s database', () => {
  it('prints what the store counts, and says so when the id is unknown', async () => {
    const { createSqliteStore } = await import('@jianzheng/store-sqlite');
    const db = join(tmp.path, 'service.sqlite');
    const store = createSqliteStore({ filename: db });
    const ctx = { actor: { id: 'admin', role: 'admin' as const } };
    await store.createBatch(
      {
        id: 'first',
        title: '第一批',
        jurisdiction: { code: '340000', name: '测试市', level: 'city' },
        departments: ['市民政局'],
      },
      ctx,
    );
    await store.createProgramme(
      {
        id: 'kept',
        title: '库中的专项清理',
        units: [{ name: '市民政局', batch: 'first' }, { name: '市公安局' }],
        batches: [{ id: 'first', title: '第一批' }],
      },
      ctx,
    );
    const expected = await store.summarizeProgramme('kept');
    await store.close();
    const json = await runCli(['report', '--programme', 'kept', '--db', 'service.sqlite', '-f', 'json'], {
      cwd: tmp.path,
    });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(expected);
    const table = await runCli(['report', '--programme', 'kept', '--db', 'service.sqlite'], {
      cwd: tmp.path,
    });
    expect(table.stdout).toContain('应报送单位 2 个，已报送 0 个');
    const unknown = await runCli(['report', '--programme', 'other', '--db', 'service.sqlite'], {
      cwd: tmp.path,
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('数据库 service.sqlite 中没有专项清理“other”');
    expect(unknown.stderr).not.toMatch(STACK_LINE);
  }, 120_000);
});
