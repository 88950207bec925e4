import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  assignMaterialIds,
  createEngine,
  type Decision,
  ITEM_TYPES,
  isJianzhengError,
  type Material,
  type MaterialInput,
  sha256Hex,
} from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import { createPublication } from './create-publication';
import { PublicationBuilderFinishedError, PublicationInputError } from './errors';
import { createPublicationBuilder } from './publication-builder';
import { serializePublication } from './serialize';
import { sampleInput, sampleInputs } from './test-support';

function inputError(run: () => unknown): PublicationInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PublicationInputError);
    return error as PublicationInputError;
  }
  throw new Error('expected a PublicationInputError');
}

const NAMES = [
  '居民身份证',
  '户口簿',
  '申请表',
  '亲属关系证明',
  '营业执照',
  '承诺书',
  '现场照片',
  '申请表',
  '结婚证',
];

/** `items` items of 1–8 materials in 4 departments, deterministic; every rule kind occurs. */
function generatedInputs(items: number): MaterialInput[][] {
  let state = 7;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  return Array.from({ length: items }, (_, n) => {
    const item = {
      department: `市第${n % 4}局`,
      ...(n % 3 ? { code: `3413-${n}` } : {}),
      name: `事项${n}`,
      ...(n % 5 ? { type: ITEM_TYPES[n % ITEM_TYPES.length] } : {}),
    };
    return Array.from({ length: 1 + next(8) }, () => ({
      item,
      name: NAMES[next(NAMES.length)]!,
      issuer: ['公安机关', '某某村委会', undefined][next(3)],
      legalBasis: ['《行政许可法》', '无', undefined][next(3)],
      necessary: (['yes', 'no', 'unknown'] as const)[next(3)],
      departmentProposal: (['retain', 'cancel', 'unknown'] as const)[next(3)],
    }));
  });
}

interface Chunk {
  materials: Material[];
  decisions: Decision[];
}

/**
 * The list as a streaming importer would deliver it: item by item, except that the first item's
 * materials are split and its second half arrives two chunks later. Decisions come reversed
 * within each chunk (the builder matches them by id).
 */
function streamedChunks(): { chunks: Chunk[]; materials: Material[]; decisions: Decision[] } {
  const groups = generatedInputs(60).map((inputs) => inputs.length);
  const materials = assignMaterialIds(generatedInputs(60).flat());
  const decisions = createEngine().evaluate(materials);
  const chunks: Chunk[] = [];
  let at = 0;
  for (const size of groups) {
    chunks.push({
      materials: materials.slice(at, at + size),
      decisions: decisions.slice(at, at + size).reverse(),
    });
    at += size;
  }
  const first = chunks.findIndex((c) => c.materials.length >= 2);
  const whole = chunks[first]!;
  const half = Math.ceil(whole.materials.length / 2);
  const late: Chunk = {
    materials: whole.materials.slice(half),
    decisions: decisions.filter((d) => whole.materials.slice(half).some((m) => m.id === d.materialId)),
  };
  chunks[first] = {
    materials: whole.materials.slice(0, half),
    decisions: whole.decisions.filter((d) =>
      whole.materials.slice(0, half).some((m) => m.id === d.materialId),
    ),
  };
  chunks.splice(first + 3, 0, late);
  return {
    chunks,
    materials: chunks.flatMap((c) => c.materials),
    decisions: chunks.flatMap((c) => c.decisions),
  };
}

const head = () => {
  const { input } = sampleInput();
  const { materials: _m, decisions: _d, ...rest } = input;
  return rest;
};

describe('createPublicationBuilder', () => {
  it('fed item by item gives the same bytes as createPublication over the whole arrays', () => {
    const { chunks, materials, decisions } = streamedChunks();
    const builder = createPublicationBuilder(head());
    for (const chunk of chunks) builder.add(chunk.materials, chunk.decisions);
    const streamed = builder.finish();
    const whole = createPublication({ ...head(), materials, decisions });

    const text = serializePublication(streamed);
    expect(text).toBe(serializePublication(whole));
    expect(sha256Hex(text)).toBe(sha256Hex(serializePublication(whole)));
    expect(streamed.sha256).toBe(whole.sha256);

    // The split item is one item, its materials in the order they were added.
    const split = chunks.find((c) => c.materials.length > 0)!.materials[0]!;
    const department = streamed.departments.find((d) => d.name === split.item.department)!;
    const items = department.items.filter((i) => i.name === split.item.name);
    expect(items).toHaveLength(1);
    expect(items[0]!.materials.map((m) => m.id)).toEqual(
      materials.filter((m) => m.item === split.item).map((m) => m.id),
    );
    expect(streamed.summary.materials).toBe(materials.length);
    expect(streamed.summary.cancelled).toBeGreaterThan(0);
    // By legal level (§14): every material counted once, under the level its decision assessed.
    const levels = Object.values(streamed.summary.byLegalLevel ?? {});
    expect(levels.reduce((n, c) => n + c.materials, 0)).toBe(materials.length);
    expect(levels.reduce((n, c) => n + c.cancelled, 0)).toBe(streamed.summary.cancelled);
    const assessed = decisions.filter((d) => d.legalBasis?.level === 'administrative-regulation');
    expect(streamed.summary.byLegalLevel?.['administrative-regulation'].materials).toBe(assessed.length);
    expect(Object.isFrozen(streamed.departments[0]!.items[0]!.materials[0])).toBe(true);
  });

  it('groups rows by the item fields, not the item object: an item renamed between adds is a second item', () => {
    const item = { department: '市公安局', name: '户口迁移' };
    const engine = createEngine();
    const builder = createPublicationBuilder(head());
    const [first] = assignMaterialIds([{ item, name: '居民身份证' }]);
    builder.add([first!], engine.evaluate([first!]));
    item.name = '户口登记';
    const [second] = assignMaterialIds([{ item, name: '户口簿' }]);
    builder.add([second!], engine.evaluate([second!]));
    const pub = builder.finish();
    expect(pub.departments[0]!.items.map((i) => [i.name, i.materials.map((m) => m.name)])).toEqual([
      ['户口迁移', ['居民身份证']],
      ['户口登记', ['户口簿']],
    ]);
    expect(pub.summary.items).toBe(2);
  });

  it('copies what it publishes: changing a material or decision after add does not change the result', () => {
    const { input, materials, decisions } = sampleInput();
    const expected = createPublication(input).sha256;
    const builder = createPublicationBuilder(head());
    const copies = materials.map((m) => ({ ...m, item: { ...m.item } }));
    const decisionCopies = decisions.map((d) => ({ ...d }));
    builder.add(copies, decisionCopies);
    for (const m of copies) {
      m.name = '改过的名称';
      m.item.name = '改过的事项';
    }
    for (const d of decisionCopies) d.reason = '改过的理由';
    expect(builder.finish().sha256).toBe(expected);
  });

  it('keeps no reference to the materials and decisions it was given', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const builder = createPublicationBuilder(head());
    const kept: object[] = [];
    const refs = (() => {
      const { materials, decisions } = sampleInput();
      builder.add(materials, decisions);
      kept.push(materials[0]!); // control: a material still referenced elsewhere stays alive
      return [...materials.slice(1), ...decisions].map((o) => new WeakRef(o));
    })();
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(refs.filter((r) => r.deref() !== undefined)).toHaveLength(0);
    expect(kept).toHaveLength(1);
    expect(builder.finish().summary.materials).toBe(sampleInputs().length);
  });

  it('counts paths across chunks: no decision, decision for no material, repeated id', () => {
    const { materials, decisions } = sampleInput();
    const builder = createPublicationBuilder(head());
    builder.add(materials.slice(0, 4), decisions.slice(0, 4));
    // The fifth material comes without its decision; a decision for an unknown material; the first repeated.
    const stale = { ...decisions[5]!, materialId: 'ffffffffffffffff' };
    builder.add([materials[4]!, materials[5]!, materials[0]!], [decisions[5]!, stale]);
    const error = inputError(() => builder.finish());
    expect(isJianzhengError(error)).toBe(true);
    expect(error.issues.map((i) => i.path)).toEqual([
      'materials[6].id',
      'decisions[5].materialId',
      'materials[4]',
    ]);
    expect(error.issues[0]!.message).toContain(`与 materials[0] 重复`);
    expect(error.issues[1]!.message).toContain('“ffffffffffffffff” 不在材料清单中');
    expect(error.issues[2]!.message).toContain(
      `材料 “市公安局／机动车驾驶证换证／${materials[4]!.name}” 没有审核决定`,
    );
  });

  it('names a second decision in a later chunk, and a decision that comes after its material', () => {
    const { materials, decisions } = sampleInput();
    const builder = createPublicationBuilder(head());
    builder.add(materials.slice(0, 3), [decisions[0]!, decisions[2]!]);
    builder.add(materials.slice(3), [...decisions.slice(3), decisions[2]!, decisions[1]!]);
    const error = inputError(() => builder.finish());
    const n = decisions.length;
    expect(error.issues.map((i) => i.path)).toEqual([
      'materials[1]',
      `decisions[${n - 1}].materialId`,
      `decisions[${n}].materialId`,
    ]);
    expect(error.issues[1]!.message).toContain('有多个决定');
    expect(error.issues[2]!.message).toContain('（materials[1]）的决定晚于材料提供');
    expect(error.issues[2]!.messageEn).toContain('comes in a later add than the material');
  });

  it('reports head problems at finish, before the problems of the rows', () => {
    const { materials, decisions } = sampleInput();
    const builder = createPublicationBuilder({ ...head(), publishedAt: '昨天', version: 0 });
    builder.add(materials, decisions.slice(1));
    const error = inputError(() => builder.finish());
    expect(error.issues.map((i) => i.path)).toEqual(['publishedAt', 'version', 'materials[0]']);
  });

  it('refuses add and finish after finish, with a stable code', () => {
    const { materials, decisions } = sampleInput();
    const builder = createPublicationBuilder(head());
    builder.add(materials, decisions);
    builder.finish();
    let error: unknown;
    try {
      builder.add(materials, decisions);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PublicationBuilderFinishedError);
    expect(error).toMatchObject({ code: 'PUBLICATION_BUILDER_FINISHED', action: 'add' });
    expect((error as Error).message).toContain('不能再添加材料');
    expect(() => builder.finish()).toThrow(PublicationBuilderFinishedError);

    // A builder whose finish threw is finished too.
    const failed = createPublicationBuilder(head());
    failed.add(materials, []);
    expect(() => failed.finish()).toThrow(PublicationInputError);
    expect(() => failed.add(materials, decisions)).toThrow(PublicationBuilderFinishedError);
  });
});
