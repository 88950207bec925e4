import {
  assignMaterialIds,
  createEngine,
  type MaterialInput,
  type ServiceItem,
  type YesNo,
} from '@jianzheng/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPublication } from './create-publication';
import { parsePublication, verifyPublication } from './parse-publication';
import { serializePublication } from './serialize';

const DEPARTMENTS = ['市公安局', '市民政局', '市人力资源和社会保障局', '县残疾人联合会'];
const ITEM_NAMES = ['户籍迁移', '结婚登记', '最低生活保障审批', '残疾人证核发', '失业登记'];
const MATERIAL_NAMES = [
  '居民身份证',
  '户口簿',
  '1、居民身份证（复印件）',
  '亲属关系证明',
  '无犯罪记录证明',
  '收入证明',
  '申请表',
  '结婚证',
  '“两委”证明',
  'ICP许可证',
];
const yesNo = fc.constantFrom<YesNo>('yes', 'no', 'unknown');
const optionalText = (values: string[]) => fc.option(fc.constantFrom(...values), { nil: undefined });

const item: fc.Arbitrary<ServiceItem> = fc.record(
  {
    department: fc.constantFrom(...DEPARTMENTS),
    code: fc.option(fc.stringMatching(/^3413[0-9]{6}$/), { nil: undefined }),
    name: fc.constantFrom(...ITEM_NAMES),
    type: fc.constantFrom('行政许可', '行政确认', '公共服务') as fc.Arbitrary<ServiceItem['type']>,
  },
  { requiredKeys: ['department', 'name'] },
);

const input: fc.Arbitrary<MaterialInput> = fc.record(
  {
    item,
    name: fc.constantFrom(...MATERIAL_NAMES),
    source: fc.constantFrom('申请人自备', '政府部门核发', '中介机构出具', '其他') as fc.Arbitrary<
      MaterialInput['source']
    >,
    issuer: optionalText(['申请人', '村民委员会', '公安机关', '医疗机构']),
    legalBasis: optionalText(['《户口登记条例》', '无', '《社会救助暂行办法》第十一条', '']),
    necessary: yesNo,
    shareable: yesNo,
    internalQuery: yesNo,
    commitment: yesNo,
    departmentProposal: fc.constantFrom('retain', 'cancel', 'unknown') as fc.Arbitrary<
      MaterialInput['departmentProposal']
    >,
  },
  { requiredKeys: ['item', 'name'] },
);

const engine = createEngine();

function publish(inputs: MaterialInput[], version = 1) {
  const materials = assignMaterialIds(inputs);
  return createPublication({
    jurisdiction: { code: '341300', name: '宿州市', level: 'city' },
    batch: { id: '2018-01', title: '第一批', adjustmentReason: version > 1 ? '动态调整' : null },
    version,
    materials,
    decisions: engine.evaluate(materials),
    ruleSet: engine.ruleSet,
    publishedAt: '2018-09-04T01:00:00.000Z',
  });
}

describe('publication round trip (property-based)', () => {
  it('create → serialize → parse gives an equal publication, and its checksum verifies', () => {
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 30 }), (inputs) => {
        const pub = publish(inputs);
        const text = serializePublication(pub);
        const parsed = parsePublication(text);
        expect(parsed).toEqual(JSON.parse(JSON.stringify(pub)));
        expect(verifyPublication(text).ok).toBe(true);
        // Canonical: serializing what was parsed gives the very same text.
        expect(serializePublication(parsed)).toBe(text);
        expect(parsed.summary.materials).toBe(inputs.length);
      }),
      { numRuns: 150 },
    );
  });

  it('detects any change to one material name as a checksum failure', () => {
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 15 }), fc.nat(), (inputs, pick) => {
        const text = serializePublication(publish(inputs));
        const names = [...text.matchAll(/"name": "([^"]+)"/g)];
        const target = names[pick % names.length]!;
        const at = target.index! + target[0].length - 1;
        const tampered = `${text.slice(0, at)}改${text.slice(at)}`;
        expect(verifyPublication(tampered).ok).toBe(false);
        expect(() => parsePublication(tampered)).toThrow();
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic: the same list gives the same text and checksum', () => {
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 20 }), (inputs) => {
        const copy = JSON.parse(JSON.stringify(inputs)) as MaterialInput[];
        expect(serializePublication(publish(copy))).toBe(serializePublication(publish(inputs)));
      }),
      { numRuns: 100 },
    );
  });
});
