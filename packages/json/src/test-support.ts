// Test data built the way the product builds it: material inputs → core's ids → core's engine.
import {
  assignMaterialIds,
  createEngine,
  type Decision,
  type EngineOptions,
  type Material,
  type MaterialInput,
  type ServiceItem,
} from '@jianzheng/core';
import { type CreatePublicationInput, createPublication } from './create-publication';

const 公安 = '市公安局';
const 民政 = '市民政局';

const 户籍迁移: ServiceItem = { department: 公安, code: '341300-GA-001', name: '户籍迁移', type: '行政确认' };
const 驾驶证: ServiceItem = { department: 公安, name: '机动车驾驶证换证', type: '公共服务' };
const 婚姻登记: ServiceItem = { department: 民政, code: '341300-MZ-007', name: '结婚登记', type: '行政确认' };

/** A small but real list: every verdict kind the default rules produce appears at least once. */
export function sampleInputs(): MaterialInput[] {
  return [
    {
      item: 户籍迁移,
      name: '居民身份证',
      source: '政府部门核发',
      issuer: '公安机关',
      legalBasis: '《户口登记条例》',
    },
    {
      item: 户籍迁移,
      name: '迁移申请书',
      source: '申请人自备',
      legalBasis: '《户口登记条例》第十条',
      necessary: 'yes',
    },
    { item: 户籍迁移, name: '亲属关系证明', source: '其他', issuer: '某某村委会', legalBasis: '公安部规定' },
    { item: 户籍迁移, name: '房屋租赁合同', source: '申请人自备', legalBasis: '无' },
    {
      item: 驾驶证,
      name: '驾驶证',
      source: '政府部门核发',
      issuer: '公安交警部门',
      legalBasis: '《道路交通安全法》',
    },
    {
      item: 驾驶证,
      name: '体检证明',
      source: '中介机构出具',
      issuer: '医院',
      legalBasis: '《机动车驾驶证申领和使用规定》',
      necessary: 'yes',
    },
    {
      item: 婚姻登记,
      name: '户口簿',
      source: '政府部门核发',
      issuer: '公安机关',
      legalBasis: '《婚姻登记条例》',
    },
    {
      item: 婚姻登记,
      name: '无配偶声明',
      source: '申请人自备',
      legalBasis: '《婚姻登记条例》第五条',
      necessary: 'yes',
    },
    {
      item: 婚姻登记,
      name: '婚检证明',
      source: '中介机构出具',
      legalBasis: '《母婴保健法》',
      necessary: 'no',
    },
  ];
}

export interface Sample {
  materials: Material[];
  decisions: Decision[];
  input: CreatePublicationInput;
}

export function sampleInput(
  inputs: MaterialInput[] = sampleInputs(),
  overrides: Partial<CreatePublicationInput> = {},
  engineOptions: EngineOptions = {},
): Sample {
  const engine = createEngine(engineOptions);
  const materials = assignMaterialIds(inputs);
  const decisions = engine.evaluate(materials);
  return {
    materials,
    decisions,
    input: {
      jurisdiction: { code: '341300', name: '宿州市', level: 'city' },
      batch: {
        id: '2018-01',
        title: '宿州市第一批取消证明材料清单',
        documentNumber: '宿政办秘〔2018〕100号',
      },
      version: 1,
      materials,
      decisions,
      ruleSet: engine.ruleSet,
      publishedAt: '2018-09-04T09:00:00+08:00',
      ...overrides,
    },
  };
}

export function samplePublication(
  inputs?: MaterialInput[],
  overrides?: Partial<CreatePublicationInput>,
  engineOptions?: EngineOptions,
) {
  return createPublication(sampleInput(inputs, overrides, engineOptions).input);
}
