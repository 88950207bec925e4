import { type IssuerReferrals, LEGAL_LEVEL_LABELS } from '@jianzheng/core';
import ExcelJS from 'exceljs';

export interface ReferralsWorkbookOptions {
  /** The city proposing the cancellations (its name heads the sheet). */
  jurisdiction: string;
  /** The batch's title, under the heading. */
  title?: string;
}

const COLUMNS = [
  { header: '序号', width: 6 },
  { header: '制定机关', width: 22 },
  { header: '索要部门', width: 18 },
  { header: '事项编码', width: 20 },
  { header: '事项名称', width: 28 },
  { header: '证明材料', width: 28 },
  { header: '设定依据', width: 36 },
  { header: '文号', width: 24 },
  { header: '条款', width: 12 },
  { header: '效力层级', width: 12 },
] as const;

/**
 * 建议上级取消 as a workbook (domain.md §14): per issuer, the retained materials whose only basis is
 * that issuer's rule or document, which this city proposes the issuer cancel. One sheet, one row per
 * material, issuers in the order given (most materials first).
 */
export async function createReferralsWorkbook(
  referrals: readonly IssuerReferrals[],
  options: ReferralsWorkbookOptions,
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jianzheng';
  const ws = wb.addWorksheet('建议上级取消');
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  const count = referrals.reduce((n, r) => n + r.materials.length, 0);
  ws.addRow([`${options.jurisdiction}建议上级取消的证明材料`]).font = { bold: true, size: 14 };
  ws.addRow([
    `${options.title ? `${options.title}：` : ''}${referrals.length} 个制定机关、${count} 项材料，设定依据为部门规章、上级地方政府规章或规范性文件，不能设定证明事项，建议制定机关取消`,
  ]);
  const header = ws.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  let serial = 0;
  for (const group of referrals) {
    for (const m of group.materials) {
      serial++;
      // exceljs writes strings as shared strings, never as formulas: a name beginning “=” stays text.
      ws.addRow([
        serial,
        group.issuer,
        m.department,
        m.itemCode ?? '',
        m.itemName,
        m.material,
        m.instrument ? `《${m.instrument}》` : '',
        m.documentNumber ?? '',
        m.article ?? '',
        LEGAL_LEVEL_LABELS[m.level].zh,
      ]);
    }
  }
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
