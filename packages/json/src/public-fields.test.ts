// Schema 1.2's public fields (domain.md §15): 送审稿 status, the legal review record, 取消方式,
// 取消后办理方式 and 依据 — and nothing a reviewer wrote for reviewers.
import { applyReview, createEngine, type Decision } from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import { createPublication } from './create-publication';
import { parsePublication } from './parse-publication';
import { serializePublication } from './serialize';
import { sampleInput } from './test-support';

const settle = (d: Decision): Decision => ({ ...d, status: 'confirmed', note: '内部确认意见' });

describe('publication schema 1.2', () => {
  it('is a 送审稿 (draft) while any decision is proposed, official once all are settled or approved as they stand', () => {
    const { input, decisions } = sampleInput();
    expect(createPublication(input).batch.status).toBe('draft');
    expect(createPublication({ ...input, decisions: decisions.map(settle) }).batch.status).toBe('official');
    const approved = createPublication({ ...input, batch: { ...input.batch, approvedAsProposed: true } });
    expect(approved.batch.status).toBe('official');
  });

  it('records the legal review’s 文号, reviewer and date, and reads back what it wrote', () => {
    const { input } = sampleInput();
    const legalReview = {
      documentNumber: '宿司审〔2018〕5号',
      reviewer: '市司法局',
      reviewedAt: '2018-08-21',
    };
    const pub = createPublication({ ...input, batch: { ...input.batch, legalReview } });
    expect(pub.batch.legalReview).toEqual(legalReview);
    expect(parsePublication(serializePublication(pub)).batch.legalReview).toEqual(legalReview);
    expect(createPublication(input).batch.legalReview).toBeNull();
  });

  it('prints the rule’s own wording where it differs from its category, and never a reviewer’s note', () => {
    const engine = createEngine();
    const { input, materials, decisions } = sampleInput([
      {
        item: { department: '市民政局', name: '最低生活保障审批', type: '行政给付' },
        name: '亲属关系证明',
        issuer: '张庄村民委员会',
        legalBasis: '《社会救助暂行办法》',
        commitment: 'no',
      },
      {
        item: { department: '市民政局', name: '最低生活保障审批', type: '行政给付' },
        name: '居民身份证复印件',
        legalBasis: '《社会救助暂行办法》',
        shareable: 'yes',
      },
    ]);
    const NOTE = 'REVIEWER-ONLY-3b1e 目录名称不一致';
    const overridden = applyReview(
      materials[1]!,
      decisions[1]!,
      { action: 'override', verdict: 'cancel', category: 'internal-query', note: NOTE },
      { by: 'reviewer', at: '2018-08-01T00:00:00Z', categories: engine.categories.keys() },
    );
    const pub = createPublication({ ...input, decisions: [decisions[0]!, overridden], rules: engine.rules });
    const [village, shared] = pub.departments[0]!.items[0]!.materials;
    expect(village).toMatchObject({
      ruleId: 'issuer-cannot-certify',
      wording: { zh: '村(居)委会无权出具，改由办理部门核实' },
      method: '由办理部门依职责核实',
    });
    expect(village!.basis).toContain('改由办理部门核实');
    // A changed verdict without a public reason publishes its category's label, not the note.
    expect(shared).toMatchObject({ wording: null, basis: '改为部门内部查询', method: '部门内部查询核实' });
    const text = serializePublication(pub);
    expect(text).not.toContain('REVIEWER-ONLY-3b1e');
    expect(text).not.toContain('人工改判');
    expect(text).not.toContain(decisions[0]!.reason);
  });
});
