import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Publication, PublishedDepartment } from '@jianzheng/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportPublication } from './export-publication';
import { importWorkbook } from './import-workbook';
import { publishedFixtures } from './testing/published-fixtures';
import { writePublicationWorkbook } from './write-publication-workbook';

const fixture = publishedFixtures('jz-attachment-', (f) => [
  f.simple,
  f.mergedItems,
  f.titleAndUnitLine,
  f.twoRowHeader,
  f.retainedMaterials,
]);

let files = 0;
async function written(pub: Publication) {
  const path = join(fixture.dir, `list-${++files}.xlsx`);
  await writePublicationWorkbook(pub, path);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return { path, workbook };
}

type Value = string | number | null;

/** Every row's values from row `from` on, blanks as null (and merged cells but their first). */
function values(sheet: ExcelJS.Worksheet, from = 1): Value[][] {
  const rows: Value[][] = [];
  for (let r = from; r <= sheet.rowCount; r++) {
    const row: Value[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = sheet.getCell(r, c);
      // exceljs answers a merged cell's value with its master's.
      const value = cell.isMerged && cell.master.address !== cell.address ? null : cell.value;
      row.push(value === undefined || value === null || value === '' ? null : (value as Value));
    }
    rows.push(row);
  }
  return rows;
}

function merges(sheet: ExcelJS.Worksheet): string[] {
  return [...(sheet.model as unknown as { merges: string[] }).merges].sort();
}

type Row = Publication['departments'][number]['items'][number]['materials'][number];

/** The sheet a row belongs on, as domain.md §15 lists them. */
function sheetOf(m: Row): 'cancel' | 'planned' | 'commitment' | 'retain' {
  if (m.verdict === 'retain') return 'retain';
  if (m.effectiveFrom) return 'planned';
  return m.category?.id === 'commitment' ? 'commitment' : 'cancel';
}

/** The list's rows as domain.md §15 lays them out, derived here from the publication's fields. */
function expectedRows(pub: Publication, kind: 'cancel' | 'retain') {
  const rows: Array<{ cells: Value[]; afterwards?: string }> = [];
  let serial = 0;
  for (const d of pub.departments) {
    let firstOfDepartment = true;
    for (const i of d.items) {
      const kept = i.materials.filter((m) => sheetOf(m) === kind);
      if (kept.length === 0) continue;
      serial++;
      kept.forEach((m, k) => {
        const first = k === 0;
        const group = <T>(v: T) => (first ? v : null);
        const department = firstOfDepartment ? d.name : null;
        firstOfDepartment = false;
        rows.push(
          kind === 'cancel'
            ? {
                cells: [
                  group(serial),
                  department,
                  group(i.code),
                  group(i.name),
                  m.name,
                  m.wording?.zh ?? m.category?.zh ?? null,
                  m.basis,
                ],
                ...(m.method ? { afterwards: m.method } : {}),
              }
            : {
                cells: [
                  group(serial),
                  m.name,
                  group(i.name),
                  group(i.code),
                  m.legalBasis,
                  null,
                  department,
                  m.issuer,
                  '市级',
                  group(i.type ?? '—'),
                  m.basis,
                ],
              },
        );
      });
    }
  }
  return rows;
}

/** Merged ranges every group of more than one row should have, with the title lines. */
function expectedMerges(
  pub: Publication,
  kind: 'cancel' | 'retain',
  itemColumns: string[],
  departmentColumn: string,
  last: string,
) {
  const ranges = [`A1:${last}1`, `A2:${last}2`];
  let row = 3;
  for (const d of pub.departments) {
    const departmentStart = row + 1;
    for (const i of d.items) {
      const n = i.materials.filter((m) => sheetOf(m) === kind).length;
      if (n > 1) for (const c of itemColumns) ranges.push(`${c}${row + 1}:${c}${row + n}`);
      row += n;
    }
    if (row > departmentStart) ranges.push(`${departmentColumn}${departmentStart}:${departmentColumn}${row}`);
  }
  return ranges.sort();
}

describe('writePublicationWorkbook', () => {
  it('writes both lists, row for row the cells of the exceljs export', async () => {
    const { workbook } = await written(fixture.publication);
    const reference = new ExcelJS.Workbook();
    await reference.xlsx.load((await exportPublication(fixture.publication)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['取消的申请材料', '保留的申请材料']);
    for (const sheet of workbook.worksheets) {
      expect(values(sheet)).toEqual(values(reference.getWorksheet(sheet.name)!));
    }

    const cancelled = workbook.getWorksheet('取消的申请材料')!;
    expect(cancelled.getCell('A1').value).toBe('宿州市公安局等5部门取消政务服务事项申请材料清单');
    expect(cancelled.getCell('A2').value).toBe('第一批　宿政办秘〔2018〕100号　第 1 版　发布于 2018-08-13');
    // 07:29 on 30 November in Beijing is the 30th there, whatever the UTC day.
    const morning = { ...fixture.publication, publishedAt: '2026-11-29T23:29:14.496Z' };
    const local = new ExcelJS.Workbook();
    await local.xlsx.load((await exportPublication(morning)) as unknown as ArrayBuffer);
    expect(local.getWorksheet('取消的申请材料')!.getCell('A2').value).toMatch(/发布于 2026-11-30$/);
    const utc = new ExcelJS.Workbook();
    await utc.xlsx.load((await exportPublication(morning, { timeZone: 'UTC' })) as unknown as ArrayBuffer);
    expect(utc.getWorksheet('取消的申请材料')!.getCell('A2').value).toMatch(/发布于 2026-11-29$/);
    expect(values(cancelled)[2]).toEqual([
      '序号',
      '实施部门',
      '事项编码',
      '事项名称',
      '取消的申请材料',
      '取消方式',
      '取消后办理方式',
      '依据',
    ]);
    const cancelRows = expectedRows(fixture.publication, 'cancel');
    expect(cancelRows.length).toBeGreaterThan(1);
    const body = values(cancelled, 4);
    expect(body.map((r) => [...r.slice(0, 6), r[7]])).toEqual(cancelRows.map((r) => r.cells));
    body.forEach((r, i) => {
      expect(r[6]).toEqual(cancelRows[i]!.afterwards ?? expect.any(String));
    });

    const kept = workbook.getWorksheet('保留的申请材料')!;
    expect(kept.getCell('A1').value).toBe('宿州市公安局等5部门保留政务服务事项申请材料清单');
    expect(values(kept)[2]).toEqual([
      '序号',
      '证明名称',
      '用途/事项',
      '事项编码',
      '设定依据',
      '效力层级',
      '索要单位',
      '开具单位',
      '行使层级',
      '事项类型',
      '保留原因',
    ]);
    const keptRows = expectedRows(fixture.publication, 'retain');
    expect(keptRows.length).toBeGreaterThan(1);
    expect(values(kept, 4)).toEqual(keptRows.map((r) => r.cells));
  });

  it('merges every group over its rows and the title lines across the width', async () => {
    const { workbook } = await written(fixture.publication);
    const cancelled = workbook.getWorksheet('取消的申请材料')!;
    const kept = workbook.getWorksheet('保留的申请材料')!;
    const keptMerges = merges(kept);
    expect(keptMerges).toEqual(expectedMerges(fixture.publication, 'retain', ['A', 'C', 'D', 'J'], 'G', 'K'));
    expect(merges(cancelled)).toEqual(
      expectedMerges(fixture.publication, 'cancel', ['A', 'C', 'D'], 'B', 'H'),
    );
    // Some group actually spans rows, so the comparison above is not only about the titles.
    expect(keptMerges.filter((m) => m.startsWith('D')).length).toBeGreaterThan(0);
    expect(keptMerges.filter((m) => m.startsWith('G')).length).toBeGreaterThan(0);
    // The exceljs export merges the same ranges.
    const reference = new ExcelJS.Workbook();
    await reference.xlsx.load((await exportPublication(fixture.publication)) as unknown as ArrayBuffer);
    expect(keptMerges).toEqual(merges(reference.getWorksheet('保留的申请材料')!));
    const [top, bottom] = keptMerges.find((m) => m.startsWith('D'))!.split(':') as [string, string];
    expect(kept.getCell(bottom).isMerged).toBe(true);
    expect(kept.getCell(bottom).master.address).toBe(top);
  });

  it('is print-ready: print titles, A4 landscape, frozen header, widths, footer and styles', async () => {
    const { workbook } = await written(fixture.publication);
    for (const sheet of workbook.worksheets) {
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        horizontalCentered: true,
        printTitlesRow: '3:3',
        margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      });
      expect(sheet.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, topLeftCell: 'A4' });
    }
    const kept = workbook.getWorksheet('保留的申请材料')!;
    expect(kept.columns.map((c) => c.width)).toEqual([6, 28, 28, 20, 40, 12, 16, 18, 10, 12, 36]);
    expect(workbook.getWorksheet('取消的申请材料')!.columns.map((c) => c.width)).toEqual([
      6, 16, 20, 28, 30, 22, 30, 40,
    ]);

    const title = kept.getCell('A1');
    expect(title.font).toMatchObject({ bold: true, size: 16, name: '宋体' });
    expect(title.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle' });
    expect(kept.getRow(1).height).toBe(32);
    expect(kept.getCell('A2').alignment).toMatchObject({ horizontal: 'center' });
    const thin = { style: 'thin' };
    const border = { top: thin, left: thin, bottom: thin, right: thin };
    for (const cell of ['A3', 'F3', 'I3']) {
      const header = kept.getCell(cell);
      expect(header.font).toMatchObject({ bold: true });
      expect(header.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
      expect(header.border).toMatchObject(border);
      expect(header.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } });
    }
    expect(kept.getRow(3).height).toBe(24);
    const last = kept.rowCount;
    for (const [cell, horizontal] of [
      ['A4', 'center'],
      [`A${last}`, 'center'],
      ['B4', 'left'],
      ['F4', 'left'],
      [`I${last}`, 'left'],
    ] as const) {
      expect(kept.getCell(cell).border).toMatchObject(border);
      expect(kept.getCell(cell).alignment).toMatchObject({ horizontal, vertical: 'middle', wrapText: true });
    }
    expect(kept.getCell('F4').font?.bold).toBeFalsy();
  });

  it('imports back: the retained list with the same ids, the cancelled sheet skipped', async () => {
    const { path } = await written(fixture.publication);
    const result = await importWorkbook(path);
    expect(result.ok).toBe(true);
    const expected = fixture.publication.departments.flatMap((d) =>
      d.items.flatMap((i) =>
        i.materials.filter((m) => m.verdict === 'retain').map((m) => [m.id, d.name, i.name]),
      ),
    );
    expect(result.materials.map((m) => [m.id, m.item.department, m.item.name])).toEqual(expected);
    expect(result.issues.map((i) => [i.code, i.sheet])).toEqual([
      ['CANCELLED_LIST_SKIPPED', '取消的申请材料'],
    ]);
  });

  it('keeps XML-hostile text: entities, quotes, emoji, long text, edge spaces, control characters and literal _xHHHH_', async () => {
    const hostile = structuredClone(fixture.publication);
    const department = hostile.departments[0]!;
    const item = department.items[0]!;
    const cancelled = hostile.departments
      .flatMap((d) => d.items.flatMap((i) => i.materials))
      .find((m) => m.verdict === 'cancel')!;
    const retained = hostile.departments
      .flatMap((d) => d.items.flatMap((i) => i.materials))
      .find((m) => m.verdict === 'retain')!;
    const long = `${'依据《条例》第三条 & <附件> "原文" '.repeat(1000)}`.slice(0, 16_000);
    department.name = '市公安局 & <交警支队> "一处"';
    item.name = "  户口 ]]> 迁移 '登记'  ";
    cancelled.basis = long;
    cancelled.name = '证明\u0001材料\u0008（\u000b复印件\u001f）\uFFFE';
    retained.legalBasis = '📄 《条例》✅ 第三条\n第二款\r\n\t（见附件）';
    retained.issuer = '<script>alert("x")</script>';
    retained.name = '户口簿_x000D_（原件）';
    const { workbook, path } = await written(hostile);
    const all = workbook.worksheets.flatMap((s) => values(s, 4).flat());
    expect(all).toContain('市公安局 & <交警支队> "一处"');
    expect(all).toContain("  户口 ]]> 迁移 '登记'  ");
    expect(all).toContain(long);
    expect(long.length).toBe(16_000);
    // Control characters go as OOXML escapes, which Excel, exceljs's shared-string reader and our
    // importer decode to the characters written; a literal escape stays literal.
    expect(all).toContain('证明\u0001材料\u0008（\u000b复印件\u001f）\uFFFE');
    expect(all).toContain('户口簿_x000D_（原件）');
    const back = await importWorkbook(path);
    expect(back.materials.map((m) => m.name)).toContain('户口簿_x000D_（原件）');
    expect(all).toContain('📄 《条例》✅ 第三条\n第二款\r\n\t（见附件）');
    expect(all).toContain('<script>alert("x")</script>');
    expect(workbook.getWorksheet('取消的申请材料')!.getCell('A1').value).toBe(
      '宿州市公安局 & <交警支队> "一处"等5部门取消政务服务事项申请材料清单',
    );
  });

  it('refuses a text longer than an Excel cell, naming sheet and cell, and leaves no file', async () => {
    const own = await mkdtemp(join(tmpdir(), 'jz-attachment-long-'));
    try {
      const long = structuredClone(fixture.publication);
      const retained = long.departments
        .flatMap((d) => d.items.flatMap((i) => i.materials))
        .find((m) => m.verdict === 'retain')!;
      retained.legalBasis = '依'.repeat(32_768);
      const path = join(own, 'list.xlsx');
      const failure = writePublicationWorkbook(long, path);
      await expect(failure).rejects.toMatchObject({ code: 'CELL_TOO_LONG', sheet: '保留的申请材料' });
      await expect(failure).rejects.toThrow(/32,768 个字符，超过 Excel 单元格上限 32,767/);
      expect(await readdir(own)).toEqual([]);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });

  it('writes an empty publication as two titled sheets with headers only', async () => {
    const { workbook } = await written({ ...fixture.publication, departments: [] });
    expect(workbook.getWorksheet('取消的申请材料')!.getCell('A1').value).toBe(
      '宿州市取消政务服务事项申请材料清单',
    );
    const kept = workbook.getWorksheet('保留的申请材料')!;
    expect(kept.rowCount).toBe(3);
    expect(merges(kept)).toEqual(['A1:K1', 'A2:K2']);
  });

  it('lists planned cancellations on a sheet of their own, with the day each takes effect', async () => {
    // Mark the first cancelled material of every item as planned from 2027-01-01 (domain.md §10).
    let planned = 0;
    const departments = fixture.publication.departments.map((d) => ({
      ...d,
      items: d.items.map((i) => {
        let marked = false;
        return {
          ...i,
          materials: i.materials.map((m) => {
            if (marked || m.verdict !== 'cancel') return m;
            marked = true;
            planned++;
            return { ...m, effectiveFrom: '2027-01-01' };
          }),
        };
      }),
    }));
    const cancelled = fixture.publication.summary.cancelled;
    expect(planned).toBeGreaterThan(0);
    expect(planned).toBeLessThan(cancelled);
    const { path, workbook } = await written({ ...fixture.publication, departments });
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '取消的申请材料',
      '计划取消的申请材料',
      '保留的申请材料',
    ]);
    const sheet = workbook.getWorksheet('计划取消的申请材料')!;
    expect(sheet.getCell('A1').value).toMatch(/计划取消政务服务事项申请材料清单$/);
    expect(values(sheet, 3)[0]).toEqual([
      '序号',
      '实施部门',
      '事项编码',
      '事项名称',
      '取消的申请材料',
      '自何日起取消',
      '取消方式',
      '取消后办理方式',
      '依据',
    ]);
    const plannedRows = values(sheet, 4);
    expect(plannedRows).toHaveLength(planned);
    for (const row of plannedRows) expect(row[5]).toBe('自2027年1月1日起');
    // Apart, and together: each cancellation is on exactly one of the two cancelled sheets.
    expect(values(workbook.getWorksheet('取消的申请材料')!, 4)).toHaveLength(cancelled - planned);
    const names = (w: string) => values(workbook.getWorksheet(w)!, 4).map((r) => r[4]);
    const plannedNames = new Set(names('计划取消的申请材料'));
    for (const name of names('取消的申请材料')) expect(plannedNames.has(name)).toBe(false);
    // Imported back, both cancelled sheets are recognised and skipped with a notice.
    const back = await importWorkbook(path);
    expect(back.materials).toHaveLength(fixture.publication.summary.retained);
    expect(back.issues.map((i) => [i.code, i.sheet])).toEqual([
      ['CANCELLED_LIST_SKIPPED', '取消的申请材料'],
      ['CANCELLED_LIST_SKIPPED', '计划取消的申请材料'],
    ]);
  });

  it('writes the same bytes for the same publication', async () => {
    const a = await written(fixture.publication);
    const b = await written(fixture.publication);
    expect((await readFile(a.path)).equals(await readFile(b.path))).toBe(true);
  });

  it('streams a list far larger than its buffers, and it imports back complete', async () => {
    // 300 copies of the fixture departments under new names: over 64 KiB chunks and zlib's buffers.
    const departments: PublishedDepartment[] = [];
    for (let k = 0; k < 300; k++) {
      for (const d of fixture.publication.departments) departments.push({ ...d, name: `${d.name}${k}` });
    }
    const big = { ...fixture.publication, departments };
    const path = join(fixture.dir, 'big.xlsx');
    await writePublicationWorkbook(big, path);
    const result = await importWorkbook(path);
    const retained = departments.flatMap((d) =>
      d.items.flatMap((i) =>
        i.materials.filter((m) => m.verdict === 'retain').map((m) => [d.name, i.name, m.name]),
      ),
    );
    expect(retained.length).toBeGreaterThan(1000);
    expect(result.materials.map((m) => [m.item.department, m.item.name, m.name])).toEqual(retained);
  });

  it('leaves nothing at the path when the directory is missing', async () => {
    const path = join(fixture.dir, 'missing', 'list.xlsx');
    const failure = writePublicationWorkbook(fixture.publication, path);
    await expect(failure).rejects.toMatchObject({ code: 'XLSX_WRITE_FAILED', path });
    await expect(failure).rejects.toThrow(/无法写入 Excel 附件「.*list\.xlsx」/);
    await expect(readdir(join(fixture.dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('leaves the previous file and no temp file when the publication fails mid-way', async () => {
    const own = await mkdtemp(join(tmpdir(), 'jz-attachment-fail-'));
    try {
      const path = join(own, 'list.xlsx');
      await writeFile(path, 'the previous attachment');
      const departments: PublishedDepartment[] = [];
      for (let k = 0; k < 200; k++) departments.push(...fixture.publication.departments);
      // Readable while rows are counted, broken once the first sheet is well under way.
      let reads = 0;
      const broken = {
        name: '市财政局',
        get items(): PublishedDepartment['items'] {
          reads++;
          if (reads > 1) throw new Error('数据库连接已断开');
          return [];
        },
      };
      departments.push(broken);
      const failure = writePublicationWorkbook({ ...fixture.publication, departments }, path);
      await expect(failure).rejects.toMatchObject({ code: 'XLSX_WRITE_FAILED' });
      await expect(failure).rejects.toThrow(/数据库连接已断开/);
      expect(reads).toBe(2);
      expect(await readdir(own)).toEqual(['list.xlsx']);
      expect(await readFile(path, 'utf8')).toBe('the previous attachment');
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});
