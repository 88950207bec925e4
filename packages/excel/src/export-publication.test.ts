import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Publication } from '@jianzheng/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { publicationTitle } from './attachment-layout';
import { exportPublication } from './export-publication';
import { importWorkbook } from './import-workbook';
import { publishedFixtures } from './testing/published-fixtures';
import { writePublicationWorkbook } from './write-publication-workbook';

const fixture = publishedFixtures('jz-export-', (f) => [
  f.simple,
  f.mergedItems,
  f.titleAndUnitLine,
  f.twoRowHeader,
  f.retainedMaterials,
]);

/** The retained materials of a publication in list order, as the import sees them. */
function retained(pub: Publication) {
  return pub.departments.flatMap((d) =>
    d.items.flatMap((i) =>
      i.materials
        .filter((m) => m.verdict === 'retain')
        .map((m) => ({
          id: m.id,
          department: d.name,
          code: i.code,
          item: i.name,
          type: i.type,
          name: m.name,
          // The official 保留 list (domain.md §15) has no 材料来源 column; the JSON keeps it.
          source: null,
          issuer: m.issuer,
          legalBasis: m.legalBasis,
        })),
    ),
  );
}

async function reimported(buffer: Buffer | string) {
  const result = await importWorkbook(buffer, { fileName: 'list.xlsx' });
  expect(result.ok).toBe(true);
  return {
    result,
    rows: result.materials.map((m) => ({
      id: m.id,
      department: m.item.department,
      code: m.item.code ?? null,
      item: m.item.name,
      type: m.item.type ?? null,
      name: m.name,
      source: m.source ?? null,
      issuer: m.issuer ?? null,
      legalBasis: m.legalBasis ?? null,
    })),
  };
}

describe('exportPublication', () => {
  it('derives the title from the jurisdiction and departments', () => {
    expect(fixture.publication.departments.map((d) => d.name)).toEqual([
      '市公安局',
      '市人社局',
      '宿州市民政局',
      '市交通运输局',
      '市市场监管局',
    ]);
    expect(publicationTitle(fixture.publication, 'cancel')).toBe(
      '宿州市公安局等5部门取消政务服务事项申请材料清单',
    );
    expect(
      publicationTitle(
        { ...fixture.publication, departments: fixture.publication.departments.slice(2, 3) },
        'retain',
      ),
    ).toBe('宿州市民政局保留政务服务事项申请材料清单');
    // A list with decisions still proposed is the 送审稿, on every sheet (domain.md §15).
    const draft = {
      ...fixture.publication,
      batch: { ...fixture.publication.batch, status: 'draft' as const },
    };
    for (const kind of ['cancel', 'planned', 'commitment', 'retain'] as const)
      expect(publicationTitle(draft, kind)).toMatch(/（送审稿）$/);
    expect(publicationTitle(draft, 'commitment')).toBe(
      '宿州市公安局等5部门实行告知承诺的政务服务事项申请材料清单（送审稿）',
    );
  });

  it('writes the cancelled and retained lists, grouped, merged, bordered and print-ready', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportPublication(fixture.publication)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['取消的申请材料', '保留的申请材料']);
    const cancelled = workbook.getWorksheet('取消的申请材料')!;
    expect(cancelled.getCell('A1').value).toBe('宿州市公安局等5部门取消政务服务事项申请材料清单');
    expect((cancelled.getRow(3).values as unknown[]).slice(1)).toEqual([
      '序号',
      '实施部门',
      '事项编码',
      '事项名称',
      '取消的申请材料',
      '取消方式',
      '取消后办理方式',
      '依据',
    ]);
    const cancelledCount = fixture.publication.departments
      .flatMap((d) => d.items.flatMap((i) => i.materials))
      .filter((m) => m.verdict === 'cancel').length;
    expect(cancelledCount).toBeGreaterThan(1);
    expect(cancelled.rowCount).toBe(3 + cancelledCount);
    expect(cancelled.getCell('D4').border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' } });
    expect(cancelled.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      printTitlesRow: '3:3',
    });

    const kept = workbook.getWorksheet('保留的申请材料')!;
    expect(kept.getCell('A1').value).toBe('宿州市公安局等5部门保留政务服务事项申请材料清单');
    const merges = (kept.model as unknown as { merges: string[] }).merges;
    expect(merges).toContain('A1:K1');
    // The item keeping most materials has its item cells merged over its rows.
    const list = retained(fixture.publication);
    const counts = new Map<string, number>();
    for (const m of list) counts.set(m.item, (counts.get(m.item) ?? 0) + 1);
    const [item, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    expect(count).toBeGreaterThan(1);
    const first = list.findIndex((m) => m.item === item);
    expect(merges).toContain(`C${4 + first}:C${3 + first + count}`);
  });

  it('imports back: the retained list with the same ids, the cancelled sheet skipped', async () => {
    const { result, rows } = await reimported(await exportPublication(fixture.publication));
    expect(rows).toEqual(retained(fixture.publication));
    expect(result.issues.map((i) => [i.code, i.sheet])).toEqual([
      ['CANCELLED_LIST_SKIPPED', '取消的申请材料'],
    ]);
  });

  it('writes the same list with the streaming writer, which imports back the same', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'jz-export-')), 'list.xlsx');
    await writePublicationWorkbook(fixture.publication, path);
    const { rows } = await reimported(path);
    expect(rows).toEqual(retained(fixture.publication));
  });

  it('writes an empty publication as two titled sheets with headers only', async () => {
    const empty = { ...fixture.publication, departments: [] };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportPublication(empty)) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('取消的申请材料')!.getCell('A1').value).toBe(
      '宿州市取消政务服务事项申请材料清单',
    );
    expect(workbook.getWorksheet('保留的申请材料')!.rowCount).toBe(3);
  });
});
