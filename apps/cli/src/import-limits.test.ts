import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, STACK_LINE, tempDir } from './test-support';

// Findings 2 and 4 on the CLI: the import limits as options of every command that reads workbooks.
const tmp = tempDir('import-limits');
afterAll(() => tmp.remove());

async function workbook(materials: number, longCell = 0): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('市测试局');
  sheet.addRow(['实施部门', '事项名称', '材料名称', '设定依据']);
  for (let i = 0; i < materials; i++)
    sheet.addRow(['市测试局', '测试事项', `材料${i}`, i === 2 && longCell ? '依'.repeat(longCell) : '无']);
  const path = join(tmp.path, `w-${materials}-${longCell}.xlsx`);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('import limits on the CLI', () => {
  it('evaluate and report stop at --max-rows / --max-cell-length with the named error (exit 1)', async () => {
    const rows = await workbook(10);
    for (const command of [['evaluate'], ['report']]) {
      const result = await runCli([...command, rows, '--max-rows', '5']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('行数超过上限 5 行');
      expect(result.stderr).toMatch(/工作表「市测试局」第 6 行/);
      expect(result.stderr).not.toMatch(STACK_LINE);
    }
    const long = await workbook(4, 60);
    const cell = await runCli(['evaluate', long, '--max-cell-length', '50']);
    expect(cell.code).toBe(1);
    expect(cell.stderr).toMatch(/第 4 行 D 列.*超过上限 50/);
    expect((await runCli(['evaluate', long])).code).toBe(0);
  });

  it('a limit that is not a positive integer is a usage error (exit 2)', async () => {
    const result = await runCli(['evaluate', await workbook(2), '--max-materials', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--max-materials 应为正整数');
  });
});
