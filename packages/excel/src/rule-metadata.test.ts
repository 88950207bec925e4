// A city's own rule, registered through the public API only (defineRule + createEngine): the
// template explains it with its own title and explanation, and the attachment lists its
// cancellations with its own public wording and public reason (domain.md §15).
import { assignMaterialIds, createEngine, DEFAULT_RULES, defineRule } from '@jianzheng/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportPublication } from './export-publication';
import { createTemplate } from './template';
import { buildPublication } from './testing/publication';

const photos = defineRule({
  id: 'counter-photos',
  category: 'not-necessary',
  title: { zh: '照片窗口现场采集', en: 'photos taken at the counter' },
  principleText: { zh: '凡窗口能现场采集的，一律取消', en: 'what the counter can take itself is cancelled' },
  explanation: { zh: '证件照由窗口现场拍摄，不再要求申请人提供', en: 'the counter takes the photo' },
  publicWording: { zh: '改为窗口现场采集', en: 'taken at the counter' },
  compile: () => (m) =>
    m.name.includes('照片')
      ? {
          matched: true,
          reason: 'ENGINE-REASON-照片规则命中',
          facts: {},
          publicReason: '由办理窗口现场拍摄证件照',
        }
      : { matched: false, reason: '不是照片', facts: {} },
});

async function texts(buffer: Buffer, sheet: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const lines: string[] = [];
  workbook.getWorksheet(sheet)!.eachRow((row) => {
    lines.push(((row.values as unknown[]).slice(1) as unknown[]).map((v) => String(v ?? '')).join('|'));
  });
  return lines;
}

describe('rule metadata read from the engine', () => {
  it('puts a city rule’s title and explanation in the template and its public wording in the attachment', async () => {
    const engine = createEngine({ rules: [...DEFAULT_RULES, photos] });
    const template = await texts(await createTemplate({ rules: engine.rules }), '填表说明');
    expect(
      template.some((line) => line.startsWith('照片窗口现场采集|证件照由窗口现场拍摄，不再要求申请人提供')),
    ).toBe(true);
    expect(template.some((line) => line.includes('凡窗口能现场采集的，一律取消'))).toBe(true);

    const materials = assignMaterialIds([
      {
        item: { department: '市公安局', code: '341300-GA-009', name: '居民身份证申领', type: '行政确认' },
        name: '二寸免冠照片',
        legalBasis: '《中华人民共和国居民身份证法》第八条',
      },
    ]);
    const publication = buildPublication(materials, engine);
    const cancelled = await texts(await exportPublication(publication), '取消的申请材料');
    const row = cancelled.find((line) => line.includes('二寸免冠照片'))!;
    expect(row).toContain('341300-GA-009');
    expect(row).toContain('改为窗口现场采集');
    expect(row).toContain('由办理窗口现场拍摄证件照');
    expect(cancelled.join('\n')).not.toContain('ENGINE-REASON');
  });
});
