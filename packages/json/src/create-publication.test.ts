import {
  assignMaterialIds,
  createEngine,
  defineCategory,
  defineRule,
  isJianzhengError,
  type MaterialInput,
  summarize,
} from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import { publicationChecksum } from './canonical';
import { createPublication } from './create-publication';
import { PublicationInputError } from './errors';
import { sampleInput, sampleInputs } from './test-support';

function inputError(run: () => unknown): PublicationInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PublicationInputError);
    return error as PublicationInputError;
  }
  throw new Error('expected createPublication to throw');
}

describe('createPublication', () => {
  it('groups departments and items in first-seen order and keeps the input order of materials', () => {
    const inputs = sampleInputs();
    // Interleave: a 民政 row first, then 公安, then 民政 again.
    const reordered = [inputs[7]!, inputs[0]!, inputs[4]!, inputs[6]!, inputs[1]!, inputs[8]!, inputs[5]!];
    const { input, materials } = sampleInput(reordered);
    const pub = createPublication(input);

    expect(pub.departments.map((d) => d.name)).toEqual(['市民政局', '市公安局']);
    expect(pub.departments[1]!.items.map((i) => i.name)).toEqual(['户籍迁移', '机动车驾驶证换证']);
    expect(pub.departments[0]!.items[0]!.materials.map((m) => m.name)).toEqual([
      '无配偶声明',
      '户口簿',
      '婚检证明',
    ]);
    const flat = pub.departments.flatMap((d) => d.items.flatMap((i) => i.materials.map((m) => m.id)));
    expect(new Set(flat)).toEqual(new Set(materials.map((m) => m.id)));
  });

  it('publishes each decision with its category labels, and absent facts as null', () => {
    const { input, decisions, materials } = sampleInput();
    const pub = createPublication(input);
    const shared = pub.departments[0]!.items[0]!.materials[0]!;
    const decision = decisions.find((d) => d.materialId === shared.id)!;
    expect(shared).toMatchObject({
      name: '居民身份证',
      verdict: 'cancel',
      category: { id: 'information-sharing', zh: '通过信息共享获取', en: 'obtained through data sharing' },
      ruleId: decision.ruleId,
      replacement: decision.replacement,
      method: decision.replacement,
      basis: decision.publicReason,
      status: 'proposed',
      source: '政府部门核发',
      issuer: '公安机关',
    });
    // The engine's reason is for reviewers: it is not in the publication (domain.md §15).
    expect(shared).not.toHaveProperty('reason');
    expect(JSON.stringify(pub)).not.toContain(decision.reason);
    expect(pub.batch.status).toBe('draft');
    const retained = pub.departments[0]!.items[0]!.materials[1]!;
    expect(retained).toMatchObject({ verdict: 'retain', category: null, ruleId: null, issuer: null });
    expect(pub.summary).toEqual(expect.objectContaining(summarize(materials, decisions)));
    expect(pub.ruleSet).toEqual(createEngine().ruleSet);
  });

  it('fills in the sha256 of the canonical content and turns a Date into UTC ISO 8601', () => {
    const { input } = sampleInput(undefined, { publishedAt: new Date(Date.UTC(2018, 8, 4, 1, 0, 0)) });
    const pub = createPublication(input);
    expect(pub.publishedAt).toBe('2018-09-04T01:00:00.000Z');
    const { sha256, ...content } = pub;
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256).toBe(publicationChecksum(content));
  });

  it('labels a city-defined category from the categories option', () => {
    const local = defineCategory({
      id: 'electronic-licence',
      label: { zh: '电子证照替代', en: 'electronic licence' },
    });
    const rule = defineRule({
      id: 'e-licence',
      category: 'electronic-licence',
      title: { zh: '电子证照', en: 'electronic licence' },
      compile: () => (ctx) =>
        ctx.material.name === '迁移申请书'
          ? { matched: true, reason: '已有电子证照', facts: {} }
          : { matched: false, reason: '无电子证照', facts: {} },
    });
    const engine = createEngine({ rules: [rule], categoryDefinitions: [local] });
    const materials = assignMaterialIds(sampleInputs());
    const { input } = sampleInput();
    const pub = createPublication({
      ...input,
      materials,
      decisions: engine.evaluate(materials),
      ruleSet: engine.ruleSet,
      categories: [...engine.categories.values()],
    });
    const row = pub.departments[0]!.items[0]!.materials[1]!;
    expect(row.category).toEqual({ id: 'electronic-licence', zh: '电子证照替代', en: 'electronic licence' });
    expect(pub.summary.byCategory['electronic-licence']).toBe(1);
  });

  it('names the material that has no decision, in zh-CN first', () => {
    const { input } = sampleInput();
    const error = inputError(() => createPublication({ ...input, decisions: input.decisions.slice(1) }));
    expect(isJianzhengError(error)).toBe(true);
    expect(error.code).toBe('PUBLICATION_INPUT_INVALID');
    expect(error.message).toContain('市公安局／户籍迁移／居民身份证');
    expect(error.message).toContain('没有审核决定');
    expect(error.messageEn).toContain('has no decision');
    expect(error.issues[0]!.path).toBe('materials[0]');
  });

  it('rejects a decision for a material that is not in the list, and two decisions for one material', () => {
    const { input } = sampleInput();
    const stale = { ...input.decisions[0]!, materialId: 'ffffffffffffffff' };
    expect(
      inputError(() => createPublication({ ...input, decisions: [...input.decisions, stale] })).message,
    ).toContain('“ffffffffffffffff” 不在材料清单中');
    const twice = inputError(() =>
      createPublication({ ...input, decisions: [...input.decisions, input.decisions[2]!] }),
    );
    expect(twice.issues.map((i) => i.path)).toEqual([`decisions[${input.decisions.length}].materialId`]);
  });

  it('rejects repeated material ids, unknown or missing categories, and an adjustment without a reason', () => {
    const { input } = sampleInput();
    const repeated = inputError(() =>
      createPublication({ ...input, materials: [...input.materials, input.materials[0]!] }),
    );
    expect(repeated.message).toContain('重复');

    const unknown = input.decisions.map((d) => (d.verdict === 'cancel' ? { ...d, category: 'made-up' } : d));
    expect(inputError(() => createPublication({ ...input, decisions: unknown })).message).toContain(
      '取消类别 “made-up” 未定义',
    );
    const missing = input.decisions.map((d) => (d.verdict === 'cancel' ? { ...d, category: null } : d));
    expect(inputError(() => createPublication({ ...input, decisions: missing })).message).toContain(
      '没有取消类别',
    );

    const v2 = inputError(() => createPublication({ ...input, version: 2 }));
    expect(v2.issues[0]).toMatchObject({ path: 'batch.adjustmentReason' });
    expect(v2.message).toContain('须说明调整原因');
    expect(() =>
      createPublication({
        ...input,
        version: 2,
        batch: { ...input.batch, adjustmentReason: '恢复一项材料' },
      }),
    ).not.toThrow();
  });

  it('rejects a bad jurisdiction code, time and version, reporting them all at once', () => {
    const { input } = sampleInput();
    const error = inputError(() =>
      createPublication({
        ...input,
        jurisdiction: { ...input.jurisdiction, code: '34-13' },
        publishedAt: '2018年9月4日',
        version: 0,
      }),
    );
    expect(error.issues.map((i) => i.path)).toEqual(['jurisdiction.code', 'publishedAt', 'version']);
    expect(error.message).toContain('行政区划代码');
    expect(() => createPublication({ ...input, publishedAt: new Date(Number.NaN) })).toThrow(
      PublicationInputError,
    );
  });

  it('reports what only the schema catches (an empty material name) at its publication path', () => {
    const inputs: MaterialInput[] = sampleInputs();
    const { input } = sampleInput(inputs);
    const materials = input.materials.map((m, i) => (i === 1 ? { ...m, name: '' } : m));
    const error = inputError(() => createPublication({ ...input, materials }));
    expect(error.issues[0]!.path).toBe('publication.departments[0].items[0].materials[1].name');
  });

  it('reports schema problems of the head and of a later department together, head first', () => {
    const { input } = sampleInput();
    const second = input.materials.findIndex((m) => m.item.department === '市民政局');
    const materials = input.materials.map((m, i) => (i === second ? { ...m, name: '' } : m));
    const error = inputError(() =>
      createPublication({ ...input, batch: { ...input.batch, title: '' }, materials }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'publication.batch.title',
      'publication.departments[1].items[0].materials[0].name',
    ]);
  });
});
