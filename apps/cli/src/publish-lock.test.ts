import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, STACK_LINE, tempDir } from './test-support';

// Finding 6: two publishes of one batch at once paired one run's JSON with the other's Excel, and
// kill -9 left temporary files behind.
const tmp = tempDir('publish-lock');
afterAll(() => tmp.remove());

const CONFIG = join(tmp.path, 'city.config.json');
writeFileSync(CONFIG, JSON.stringify({ jurisdiction: { code: '341300', name: '宿州市', level: 'city' } }));

/** A department workbook whose every item and material name starts with `mark`. */
async function markedWorkbook(mark: string, materials: number): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('市测试局');
  sheet.addRow(['实施部门', '事项名称', '材料名称', '设定依据', '清理意见']);
  for (let i = 0; i < materials; i++)
    sheet.addRow([
      '市测试局',
      `${mark}事项${Math.floor(i / 5)}`,
      `${mark}材料${i}`,
      '《测试条例》第3条',
      '保留',
    ]);
  const path = join(tmp.path, `${mark}.xlsx`);
  await workbook.xlsx.writeFile(path);
  return path;
}

/** Every cell text of a workbook, joined: what the attachment says. */
async function attachmentText(path: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const texts: string[] = [];
  for (const sheet of workbook.worksheets)
    sheet.eachRow((row) =>
      row.eachCell((cell) => texts.push(typeof cell.value === 'string' ? cell.value : '')),
    );
  return texts.join('\n');
}

const publish = (workbook: string, out: string, extra: string[] = []) =>
  runCli([
    'publish',
    workbook,
    '--batch',
    'b1',
    '--title',
    '第一批',
    '--out',
    out,
    '--config',
    CONFIG,
    ...extra,
  ]);

/** The JSON and the Excel of a version come from the same run: one mark in both, the other in neither. */
async function expectPaired(folder: string, version: number): Promise<string> {
  const json = readFileSync(join(folder, `v${version}.json`), 'utf8');
  const excel = await attachmentText(join(folder, `v${version}.xlsx`));
  const mark = json.includes('甲材料') ? '甲' : '乙';
  const other = mark === '甲' ? '乙' : '甲';
  expect(json).not.toContain(`${other}材料`);
  expect(excel).toContain(`${mark}材料`);
  expect(excel).not.toContain(`${other}材料`);
  return mark;
}

describe('jianzheng publish takes a lock per batch folder', () => {
  it('two processes publishing one batch at once: one publishes, the other fails clearly; files always paired', async () => {
    const a = await markedWorkbook('甲', 1500);
    const b = await markedWorkbook('乙', 1500);
    for (let trial = 0; trial < 3; trial++) {
      const out = join(tmp.path, `race-${trial}`);
      const [first, second] = await Promise.all([publish(a, out), publish(b, out)]);
      const results = [first, second];
      expect(results.filter((r) => r.code === 0)).toHaveLength(1);
      const loser = results.find((r) => r.code !== 0)!;
      // Locked out (exit 1, named), or started after the winner finished (v1 exists: --reason needed).
      expect(loser.stderr).toMatch(/正由.*发布|已发布第 1 版/);
      expect(loser.stderr).not.toMatch(STACK_LINE);
      if (loser.stderr.includes('正由')) expect(loser.code).toBe(1);
      const folder = join(out, 'b1');
      await expectPaired(folder, 1);
      expect(readdirSync(folder).sort()).toEqual(['v1.json', 'v1.xlsx']);
    }
  });

  it('with --wait the second run waits, then publishes the next version from its own files', async () => {
    const a = await markedWorkbook('甲', 1500);
    const b = await markedWorkbook('乙', 1500);
    const out = join(tmp.path, 'wait');
    // The second version swaps every material: an adjustment that adds materials (§5: reviewed).
    const args = ['--wait', '120', '--reason', '调整', '--legal-review', '市司法局审查通过'];
    const results = await Promise.all([publish(a, out, args), publish(b, out, args)]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const folder = join(out, 'b1');
    const marks = [await expectPaired(folder, 1), await expectPaired(folder, 2)];
    expect(marks.sort()).toEqual(['乙', '甲']);
    expect(existsSync(join(folder, '.publish.lock'))).toBe(false);
  });

  it('takes over the lock of a killed run and removes the temporary files it left, saying so', async () => {
    const a = await markedWorkbook('甲', 20);
    const out = join(tmp.path, 'stale');
    const folder = join(out, 'b1');
    mkdirSync(folder, { recursive: true });
    // A process that has exited: its pid is free, as after kill -9.
    const dead = spawn(process.execPath, ['-e', '']);
    const pid = await new Promise<number>((done) => dead.on('exit', () => done(dead.pid!)));
    writeFileSync(
      join(folder, '.publish.lock'),
      JSON.stringify({ pid, host: (await import('node:os')).hostname(), since: '2026-01-01T00:00:00.000Z' }),
    );
    const leftovers = [
      `.v1.xlsx.${pid}.a1b2c3d4e5f6.tmp`,
      `..v1.xlsx.${pid}.a1b2c3d4e5f6.tmp.${pid}.0011aabbccdd.tmp`,
      `.v1.json.${pid}.a1b2c3d4e5f6.tmp`,
      '.v1.xlsx.pending',
    ];
    for (const name of leftovers) writeFileSync(join(folder, name), 'half a file');
    writeFileSync(join(folder, 'notes.txt'), 'an operator’s own file');

    const result = await publish(a, out);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('已清理');
    for (const name of leftovers) expect(result.stderr).toContain(name);
    expect(readdirSync(folder).sort()).toEqual(['notes.txt', 'v1.json', 'v1.xlsx']);
  });

  it('a live lock refuses at once with the holder named (exit 1), and nothing is written', async () => {
    const a = await markedWorkbook('甲', 20);
    const out = join(tmp.path, 'live');
    const folder = join(out, 'b1');
    mkdirSync(folder, { recursive: true });
    const since = '2026-01-01T00:00:00.000Z';
    writeFileSync(
      join(folder, '.publish.lock'),
      JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), since }),
    );
    const result = await publish(a, out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`进程 ${process.pid}`);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(readdirSync(folder)).toEqual(['.publish.lock']);
  });
});
