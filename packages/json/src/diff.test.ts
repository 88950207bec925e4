import type { MaterialInput } from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import { diffPublications } from './diff';
import { renderDiffMarkdown } from './render-diff';
import { sampleInputs, samplePublication } from './test-support';

const byName = (inputs: MaterialInput[], name: string) => inputs.findIndex((m) => m.name === name);

/** Version 1 and an adjustment with one change of every kind, decided by core's engine. */
function versions() {
  const v1 = samplePublication(sampleInputs());
  const inputs = sampleInputs();
  // changed fact only (still cancelled by shared data)
  inputs[byName(inputs, '居民身份证')] = { ...inputs[byName(inputs, '居民身份证')]!, issuer: '公安派出所' };
  // newly cancelled: the department now accepts a written commitment
  inputs[byName(inputs, '迁移申请书')] = { ...inputs[byName(inputs, '迁移申请书')]!, commitment: 'yes' };
  // restored (regression): a legal basis was found, so the rule no longer cancels it
  inputs[byName(inputs, '房屋租赁合同')] = {
    ...inputs[byName(inputs, '房屋租赁合同')]!,
    legalBasis: '《户口登记条例》',
  };
  // removed
  inputs.splice(byName(inputs, '体检证明'), 1);
  // added
  inputs.push({
    item: { department: '市民政局', code: '341300-MZ-007', name: '结婚登记', type: '行政确认' },
    name: '近期半身免冠照片',
    source: '申请人自备',
    legalBasis: '《婚姻登记条例》',
    necessary: 'yes',
  });
  const v2 = samplePublication(
    inputs,
    {
      version: 2,
      batch: {
        id: '2018-01',
        title: '宿州市第一批取消证明材料清单',
        adjustmentReason: '根据部门反馈动态调整',
      },
    },
    // re-categorised: 婚检证明 (not necessary) now counted under no legal basis
    { categories: { 'not-necessary': 'no-legal-basis' } },
  );
  return { v1, v2 };
}

describe('diffPublications', () => {
  it('lists every kind of change once, keyed by stable id, with counts', () => {
    const { v1, v2 } = versions();
    const diff = diffPublications(v1, v2);

    expect(diff.added.map((e) => e.name)).toEqual(['近期半身免冠照片']);
    expect(diff.added[0]).toMatchObject({ department: '市民政局', verdict: 'retain', category: null });
    expect(diff.removed.map((e) => e.name)).toEqual(['体检证明']);
    expect(diff.newlyCancelled.map((e) => e.name)).toEqual(['迁移申请书']);
    expect(diff.newlyCancelled[0]!.to.category?.id).toBe('commitment');
    expect(diff.restored.map((e) => e.name)).toEqual(['房屋租赁合同']);
    expect(diff.restored[0]!.from).toMatchObject({ verdict: 'cancel', ruleId: 'no-legal-basis' });
    expect(diff.restored[0]!.to.verdict).toBe('retain');
    expect(diff.recategorised.map((e) => [e.name, e.from.category?.id, e.to.category?.id])).toEqual([
      ['婚检证明', 'not-necessary', 'no-legal-basis'],
    ]);
    expect(diff.changedFacts.map((e) => [e.name, e.changes])).toEqual([
      ['居民身份证', [{ field: 'issuer', from: '公安机关', to: '公安派出所' }]],
      ['房屋租赁合同', [{ field: 'legalBasis', from: '无', to: '《户口登记条例》' }]],
    ]);
    expect(diff.counts).toEqual({
      added: 1,
      removed: 1,
      newlyCancelled: 1,
      restored: 1,
      recategorised: 1,
      nowEffective: 0,
      postponed: 0,
      changedFacts: 2,
      // 9 in v1, 1 removed; changed: 身份证, 申请书, 租赁合同, 婚检证明 → 4 unchanged
      unchanged: 4,
    });
    expect(diff.from).toMatchObject({ version: 1, sha256: v1.sha256, materials: 9 });
    expect(diff.to).toMatchObject({ version: 2, sha256: v2.sha256, materials: 9 });
  });

  it('reports nothing between a publication and itself', () => {
    const { v1 } = versions();
    const diff = diffPublications(v1, v1);
    expect(diff.counts).toEqual({
      added: 0,
      removed: 0,
      newlyCancelled: 0,
      restored: 0,
      recategorised: 0,
      nowEffective: 0,
      postponed: 0,
      changedFacts: 0,
      unchanged: 9,
    });
  });

  it('sees a renamed material as removed plus added (the id follows the normalized name)', () => {
    const inputs = sampleInputs();
    const v1 = samplePublication(inputs);
    inputs[byName(inputs, '迁移申请书')] = {
      ...inputs[byName(inputs, '迁移申请书')]!,
      name: '户口迁移申请表',
    };
    const v2 = samplePublication(inputs, {
      version: 2,
      batch: { id: '2018-01', title: 't', adjustmentReason: 'r' },
    });
    const diff = diffPublications(v1, v2);
    expect(diff.removed.map((e) => e.name)).toEqual(['迁移申请书']);
    expect(diff.added.map((e) => e.name)).toEqual(['户口迁移申请表']);
    // A name that normalizes the same (form words, spaces) keeps its id and shows as a fact change.
    inputs[byName(inputs, '户口迁移申请表')] = {
      ...inputs[byName(inputs, '户口迁移申请表')]!,
      name: '户口迁移申请表（原件）',
    };
    const v3 = samplePublication(inputs, {
      version: 3,
      batch: { id: '2018-01', title: 't', adjustmentReason: 'r' },
    });
    expect(diffPublications(v2, v3).changedFacts.map((e) => e.changes)).toEqual([
      [{ field: 'name', from: '户口迁移申请表', to: '户口迁移申请表（原件）' }],
    ]);
  });
});

describe('renderDiffMarkdown', () => {
  it('writes the 动态调整说明 in zh-CN with regressions first, under a warning', () => {
    const { v1, v2 } = versions();
    const md = renderDiffMarkdown(diffPublications(v1, v2), { locale: 'zh-CN' });
    expect(md).toMatch(/^# 动态调整说明：宿州市第一批取消证明材料清单\n/);
    expect(md).toContain('**调整原因：** 根据部门反馈动态调整');
    expect(md).toContain('第 1 版（发布于 2018-09-04 09:00');
    // The notice reads in the city's zone, not UTC and not ISO text.
    const urumqi = renderDiffMarkdown(diffPublications(v1, v2), { timeZone: 'Asia/Urumqi' });
    expect(urumqi).toContain('第 1 版（发布于 2018-09-04 07:00');
    expect(md).toContain(
      '第 1 版材料 9 项，取消 6 项（取消率 66.7%）；第 2 版材料 9 项，取消 6 项（取消率 66.7%）。',
    );
    expect(md).toContain('| **⚠️ 恢复保留（边减边增）** | **1** |');
    expect(md).toContain('> [!WARNING]\n> **边减边增：1 项已取消的材料在第 2 版恢复保留**');
    const sections = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual([
      '⚠️ 恢复保留（边减边增）',
      '新增取消',
      '调整取消类别',
      '新增材料',
      '删除材料',
      '信息变更',
    ]);
    expect(md).toContain('| 市公安局 | 户籍迁移（341300-GA-001） | 房屋租赁合同 | 无法律法规依据 |');
    expect(md).toContain('开具单位：公安机关 → 公安派出所');
    expect(md).toContain(
      '| 市民政局 | 结婚登记（341300-MZ-007） | 婚检证明 | 非办事必要条件 | 无法律法规依据 |',
    );
  });

  it('says so when nothing changed, and has no warning', () => {
    const { v1 } = versions();
    const md = renderDiffMarkdown(diffPublications(v1, v1));
    expect(md).toContain('无变更');
    expect(md).not.toContain('WARNING');
    expect(md).not.toContain('## ');
  });

  it('escapes table cells and renders English on request', () => {
    const inputs = sampleInputs();
    const v1 = samplePublication(inputs);
    inputs.push({ item: inputs[0]!.item, name: '声明|<b>附件</b>', legalBasis: '无' });
    const v2 = samplePublication(inputs, {
      version: 2,
      batch: { id: '2018-01', title: 't', adjustmentReason: 'r' },
    });
    const diff = diffPublications(v1, v2);
    const md = renderDiffMarkdown(diff);
    expect(md).toContain('声明\\|&lt;b&gt;附件&lt;/b&gt;');
    const en = renderDiffMarkdown(diff, { locale: 'en' });
    expect(en).toMatch(/^# Adjustment notice: t\n/);
    expect(en).toContain('## Added materials');
    expect(en).toContain('| no legal basis |');
  });
});
