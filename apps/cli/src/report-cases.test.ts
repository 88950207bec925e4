import { join } from 'node:path';
import { createSqliteStore } from '@jianzheng/store-sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, STACK_LINE, tempDir } from './test-support';

const tmp = tempDir('report-cases');
afterAll(() => tmp.remove());

describe('jianzheng report --cases', () => {
  it('prints the supervision statistics per department from the service database', async () => {
    const db = join(tmp.path, 'jianzheng.sqlite');
    const store = createSqliteStore({ filename: db });
    const admin = { actor: { id: 'admin', role: 'admin' as const } };
    await store.createBatch(
      {
        id: 'b1',
        title: '第一批',
        jurisdiction: { code: '341300', name: '宿州市', level: 'city' },
        departments: ['市公安局', '市民政局'],
      },
      admin,
    );
    const report = (department: string, dueOn: string) => ({
      batchId: 'b1',
      materialId: 'm',
      materialName: '居住证明',
      itemName: '户口迁移',
      department,
      place: '3 号窗口',
      happenedOn: '2026-01-05',
      description: '仍要求提交',
      dueOn,
    });
    const a = await store.createCase(report('市公安局', '2026-01-12'), {
      ...admin,
      at: '2026-01-05T02:00:00.000Z',
    });
    await store.answerCase(
      a.id,
      { outcome: 'rectified', note: '' },
      { ...admin, at: '2026-01-07T02:00:00.000Z' },
    );
    await store.createCase(report('市公安局', '2026-01-12'), { ...admin, at: '2026-01-05T03:00:00.000Z' }); // never answered
    await store.createCase(report('市民政局', '2099-01-01'), { ...admin, at: '2026-01-05T04:00:00.000Z' });
    await store.close();

    const result = await runCli(['report', '--cases', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    const row = (name: string) =>
      result.stdout
        .split('\n')
        .find((line) => line.startsWith(name))
        ?.split(/\s{2,}/)
        .slice(1);
    // reports, rectified, not applicable, overdue, open, closed, median days
    expect(row('市公安局')).toEqual(['2', '1', '0', '1', '1', '0', '2.0']);
    expect(row('市民政局')).toEqual(['1', '0', '0', '0', '1', '0', '—']);
    expect(row('合计')).toEqual(['3', '1', '0', '1', '2', '0', '2.0']);

    const missing = await runCli(['report', '--cases', '--db', join(tmp.path, 'none.sqlite')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到数据库文件');
    expect(missing.stderr).not.toMatch(STACK_LINE);
  });
});
