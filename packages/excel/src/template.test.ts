import {
  assignMaterialIds,
  createEngine,
  DEFAULT_RULES,
  defineRule,
  type MaterialInput,
  type ServiceItem,
} from '@jianzheng/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FIELD_BY_NAME } from './headers';
import { importWorkbook } from './import-workbook';
import { createTemplate, principlesOf, TEMPLATE_FIELDS } from './template';

async function load(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

type Validations = { model: Record<string, { type: string; formulae: string[] } | undefined> };
const validationsOf = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { dataValidations: Validations }).dataValidations;

describe('createTemplate', () => {
  it('writes the canonical headers, a frozen header row, widths, dropdowns and the instructions', async () => {
    const workbook = await load(
      await createTemplate({ department: '市公安局', jurisdiction: { name: '宿州市' } }),
    );
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['市公安局', '填表说明']);
    const sheet = workbook.getWorksheet('市公安局')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(TEMPLATE_FIELDS.map((field) => FIELD_BY_NAME.get(field)!.canonical));
    expect(headers).toHaveLength(17);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(6).width).toBe(30);

    const model = validationsOf(sheet).model;
    const letter = (field: string) => String.fromCharCode(65 + TEMPLATE_FIELDS.indexOf(field as never));
    expect(model[`${letter('itemType')}2`]?.formulae).toEqual([
      '"行政许可,行政确认,行政裁决,行政给付,行政奖励,行政备案,其他行政权力,公共服务"',
    ]);
    expect(model[`${letter('source')}5000`]?.formulae).toEqual([
      '"申请人自备,政府部门核发,中介机构出具,其他"',
    ]);
    for (const field of ['necessary', 'shareable', 'internalQuery', 'commitment']) {
      expect(model[`${letter(field)}2`]?.formulae, field).toEqual(['"是,否"']);
    }
    expect(model[`${letter('departmentProposal')}2`]?.formulae).toEqual(['"保留,取消"']);
    expect(model[`${letter('department')}3`]?.formulae).toEqual(['"市公安局"']);
    // Bounded ranges: nothing past row 5,000, nothing on the header.
    expect(model[`${letter('source')}5001`]).toBeUndefined();
    expect(model[`${letter('source')}1`]).toBeUndefined();

    const help = workbook.getWorksheet('填表说明')!;
    const text: string[] = [];
    help.eachRow((row) => {
      text.push(((row.values as unknown[]).slice(1) as string[]).join('|'));
    });
    expect(text[0]!.startsWith('宿州市政务服务事项申请材料清单填表说明|')).toBe(true);
    for (const field of TEMPLATE_FIELDS) {
      expect(
        text.some((line) => line.startsWith(`${FIELD_BY_NAME.get(field)!.canonical}|`)),
        field,
      ).toBe(true);
    }
    const rules = createEngine().rules;
    const principles = principlesOf(rules);
    // Each principle once, however many rules implement it.
    expect(principles).toHaveLength(new Set(rules.map((r) => r.principleText?.zh)).size);
    expect(principles[0]).toBe('凡没有法律法规依据的，一律取消');
    principles.forEach((principle, i) => {
      expect(text.some((line) => line.startsWith(`${i + 1}. ${principle}。`))).toBe(true);
    });
    expect(
      text.some((line) => line.startsWith('开具单位无权查证|') && line.includes('改由办理部门核实')),
    ).toBe(true);
  });

  it("lists a city's own rule with its title, explanation and principle, read from the engine", async () => {
    const photos = defineRule({
      id: 'no-photos',
      category: 'not-necessary',
      title: { zh: '照片现场采集', en: 'photos taken at the counter' },
      principleText: {
        zh: '凡窗口能现场采集的，一律取消',
        en: 'what the counter can take itself is cancelled',
      },
      explanation: { zh: '照片由窗口现场拍摄，不再要求申请人提供', en: 'the counter takes the photo' },
      compile: () => () => ({ matched: false, reason: '', facts: {} }),
    });
    const engine = createEngine({ rules: [...DEFAULT_RULES, photos] });
    const workbook = await load(await createTemplate({ rules: engine.rules }));
    const text: string[] = [];
    workbook.getWorksheet('填表说明')!.eachRow((row) => {
      text.push(((row.values as unknown[]).slice(1) as string[]).join('|'));
    });
    expect(text).toContain('照片现场采集|照片由窗口现场拍摄，不再要求申请人提供||非办事必要条件');
    // An unnumbered principle comes after the numbered ones.
    const last = principlesOf(engine.rules).length;
    expect(text.some((line) => line.startsWith(`${last}. 凡窗口能现场采集的，一律取消。`))).toBe(true);
  });

  it('says what may set a 证明, with the jurisdiction’s own document number as the example', async () => {
    const linesOf = async (
      jurisdiction: NonNullable<Parameters<typeof createTemplate>[0]>['jurisdiction'],
    ) => {
      const workbook = await load(await createTemplate({ jurisdiction }));
      const text: string[] = [];
      workbook.getWorksheet('填表说明')!.eachRow((row) => {
        text.push(((row.values as unknown[]).slice(1) as string[]).join('|'));
      });
      return text;
    };
    const chengdu = await linesOf({ name: '成都市', documentPrefixes: ['成府发', '成办发'] });
    const basis = chengdu.find((line) => line.startsWith('设定依据|'))!;
    expect(basis).toContain('只有法律、行政法规、国务院决定和地方性法规可以设定证明');
    expect(basis).toContain('成府发〔2017〕12号');
    expect(chengdu.join('\n')).not.toContain('皖');
    const unnamed = await linesOf({ name: '某市' });
    expect(unnamed.find((line) => line.startsWith('设定依据|'))).toContain('本级文件文号');
  });

  it('imports as it is, empty, with a notice for each sheet and no error', async () => {
    const result = await importWorkbook(await createTemplate(), { fileName: 'template.xlsx' });
    expect(result.ok).toBe(true);
    expect(result.materials).toEqual([]);
    expect(result.issues.map((i) => [i.severity, i.code])).toEqual([
      ['info', 'SHEET_WITHOUT_HEADER'],
      ['warning', 'NO_MATERIALS'],
    ]);
  });

  it('round-trips a filled-in template exactly', async () => {
    const workbook = await load(await createTemplate({ department: '市民政局' }));
    const sheet = workbook.getWorksheet('市民政局')!;
    const rows: unknown[][] = [
      [
        1,
        '市民政局',
        '341300-QR-0001',
        '结婚登记',
        '行政确认',
        '居民身份证',
        '申请人自备',
        '公安机关',
        '《婚姻登记条例》第五条',
        '是',
        '是',
        '否',
        '否',
        '否',
        '取消',
        '通过人口信息库共享获取',
        '',
      ],
      [
        null,
        null,
        null,
        null,
        null,
        '户口簿',
        '申请人自备',
        '公安机关',
        '《婚姻登记条例》第五条',
        '是',
        '是',
        '',
        '',
        '',
        '保留',
        '',
        '需原件',
      ],
      [
        null,
        null,
        null,
        null,
        null,
        '无配偶声明',
        '申请人自备',
        '',
        '无',
        '否',
        '',
        '',
        '是',
        '皖政办秘〔2018〕247号',
        '取消',
        '书面承诺',
        '',
      ],
      [
        2,
        null,
        '',
        '临时救助',
        '行政给付',
        '家庭经济状况证明',
        '其他',
        '村（居）委会',
        '《社会救助暂行办法》',
        '',
        '',
        '是',
        '',
        '',
        '',
        '',
        '',
      ],
      [
        null,
        null,
        null,
        null,
        null,
        '居民身份证',
        '申请人自备',
        '公安机关',
        '《社会救助暂行办法》',
        '是',
        '是',
        '',
        '',
        '',
        '',
        '',
        '',
      ],
    ];
    rows.forEach((values, i) => {
      sheet.getRow(i + 2).values = values as ExcelJS.CellValue[];
    });
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await importWorkbook(filled, { fileName: '市民政局.xlsx' });
    expect(result.ok).toBe(true);

    const marriage: ServiceItem = {
      department: '市民政局',
      code: '341300-QR-0001',
      name: '结婚登记',
      type: '行政确认',
    };
    const relief: ServiceItem = { department: '市民政局', name: '临时救助', type: '行政给付' };
    const expected: MaterialInput[] = [
      {
        item: marriage,
        name: '居民身份证',
        source: '申请人自备',
        issuer: '公安机关',
        legalBasis: '《婚姻登记条例》第五条',
        necessary: 'yes',
        shareable: 'yes',
        internalQuery: 'no',
        commitment: 'no',
        superiorCancelled: 'no',
        departmentProposal: 'cancel',
        proposedMethod: '通过人口信息库共享获取',
      },
      {
        item: marriage,
        name: '户口簿',
        source: '申请人自备',
        issuer: '公安机关',
        legalBasis: '《婚姻登记条例》第五条',
        necessary: 'yes',
        shareable: 'yes',
        departmentProposal: 'retain',
        notes: '需原件',
      },
      {
        item: marriage,
        name: '无配偶声明',
        source: '申请人自备',
        legalBasis: '无',
        necessary: 'no',
        commitment: 'yes',
        superiorCancelled: 'yes',
        superiorReference: '皖政办秘〔2018〕247号',
        departmentProposal: 'cancel',
        proposedMethod: '书面承诺',
      },
      {
        item: relief,
        name: '家庭经济状况证明',
        source: '其他',
        issuer: '村（居）委会',
        legalBasis: '《社会救助暂行办法》',
        internalQuery: 'yes',
      },
      {
        item: relief,
        name: '居民身份证',
        source: '申请人自备',
        issuer: '公安机关',
        legalBasis: '《社会救助暂行办法》',
        necessary: 'yes',
        shareable: 'yes',
      },
    ];
    // The template has a 上级已取消 column: a cell left blank there reads as no (domain.md §8).
    expect(result.materials).toEqual(
      assignMaterialIds(expected.map((m) => ({ superiorCancelled: 'no' as const, ...m }))),
    );
    expect(result.items).toEqual([marriage, relief]);
    expect(result.issues.map((i) => i.code)).toEqual(['SHEET_WITHOUT_HEADER']);
  });
});
