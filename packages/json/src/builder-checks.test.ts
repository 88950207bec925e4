import { type PublishedMaterial, PublishedMaterialSchema } from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRowChecker, groupingIssues, inOrder, plainStringCheck } from './builder-checks';
import { createPublication } from './create-publication';
import { PublicationInputError } from './errors';
import { createPublicationBuilder } from './publication-builder';
import { serializePublication } from './serialize';
import { sampleInput } from './test-support';

const rows = (): PublishedMaterial[] =>
  createPublication(sampleInput().input).departments.flatMap((d) => d.items.flatMap((i) => i.materials));

describe('createRowChecker', () => {
  it('passes valid rows, and still refuses a bad value in a field whose other values passed before', () => {
    const [first, second] = rows();
    const checker = createRowChecker(20);
    checker.check(first!, 0, 0, 0);
    checker.check(second!, 0, 0, 1);
    checker.check({ ...second!, id: 'x2' }, 0, 0, 2);
    expect(checker.issues()).toEqual([]);

    // Every field but one repeats a row that passed: the new value is checked all the same.
    checker.check({ ...first!, id: 'x3', name: '' }, 0, 1, 0);
    checker.check({ ...first!, id: 'x4', verdict: 'maybe' as never }, 0, 1, 1);
    checker.check({ ...first!, id: 'x5', category: { ...first!.category!, id: 7 as never } }, 0, 1, 2);
    checker.check({ ...first!, id: 'x6', effectiveFrom: '2018年9月' }, 0, 1, 3);
    checker.check({ ...first!, id: '' }, 0, 1, 4);
    expect(checker.issues().map((i) => i.path)).toEqual([
      'publication.departments[0].items[1].materials[0].name',
      'publication.departments[0].items[1].materials[1].verdict',
      'publication.departments[0].items[1].materials[2].category.id',
      'publication.departments[0].items[1].materials[3].effectiveFrom',
      'publication.departments[0].items[1].materials[4].id',
    ]);
  });

  it('refuses a missing or an extra key, and lets zod decide a row whose keys are in another order', () => {
    const [first] = rows();
    const checker = createRowChecker(20);
    const { issuer: _issuer, ...missing } = first!;
    checker.check(missing as PublishedMaterial, 0, 0, 0);
    checker.check({ ...first!, reason: '内部理由' } as PublishedMaterial, 0, 0, 1);
    const reordered = Object.fromEntries(Object.entries(first!).reverse()) as PublishedMaterial;
    checker.check(reordered, 0, 0, 2);
    const issues = checker.issues();
    expect(issues.map((i) => i.path)).toEqual([
      'publication.departments[0].items[0].materials[0].issuer',
      'publication.departments[0].items[0].materials[1]',
    ]);
    expect(issues[1]!.messageEn).toMatch(/reason/);
  });

  it('lists problems in publication order whatever order the rows were made in, keeping the first few', () => {
    const [first] = rows();
    const bad = { ...first!, name: '' };
    const checker = createRowChecker(2);
    checker.check(bad, 2, 0, 0);
    checker.check(bad, 0, 3, 1);
    checker.check(bad, 1, 0, 0);
    checker.check(bad, 0, 3, 0);
    expect(checker.issues().map((i) => i.path)).toEqual([
      'publication.departments[0].items[3].materials[0].name',
      'publication.departments[0].items[3].materials[1].name',
    ]);
  });
});

describe('plainStringCheck', () => {
  const values: unknown[] = [
    '',
    'a',
    'ab',
    'abc',
    '0123456789abcdef',
    ' ',
    '\u{20000}',
    1,
    null,
    undefined,
    {},
    ['a'],
  ];

  it('accepts only what zod accepts, for the id schema and other length-only strings', () => {
    for (const schema of [PublishedMaterialSchema.shape.id, z.string(), z.string().min(2).max(3)]) {
      const check = plainStringCheck(schema);
      expect(check).toBeDefined();
      // What it refuses goes to zod; what it accepts must be what zod accepts.
      const accepted = values.filter((value) => check!(value));
      expect(accepted.filter((value) => !schema.safeParse(value).success)).toEqual([]);
      expect(accepted.length).toBeGreaterThan(0);
    }
    // Every id the builder makes is taken without zod; the empty one is left to zod.
    const id = plainStringCheck(PublishedMaterialSchema.shape.id)!;
    expect(['a', '0123456789abcdef', '\u{20000}', 'x#2'].map(id)).toEqual([true, true, true, true]);
    expect(['', 1, null].map(id)).toEqual([false, false, false]);
  });

  it('leaves any other schema to zod: a pattern, a transform, coercion, not a string', () => {
    for (const schema of [
      z.string().regex(/^x/),
      z.string().length(3),
      z.string().trim(),
      z.coerce.string(),
      z.string().nullable(),
      z.number(),
    ])
      expect(plainStringCheck(schema as z.ZodType)).toBeUndefined();
  });
});

describe('groupingIssues', () => {
  it('checks department and item fields, not the rows again', () => {
    const department = { name: '', items: [{ code: null, name: '', type: null, materials: [{}] }] };
    expect(groupingIssues(department, 3).map((i) => i.path)).toEqual([
      'publication.departments[3].name',
      'publication.departments[3].items[0].name',
    ]);
    expect(groupingIssues({ name: '市公安局', items: [], extra: 1 }, 0)).toHaveLength(1);
    const notAList = { name: '市公安局', items: [{ code: null, name: '户籍', type: null, materials: {} }] };
    expect(groupingIssues(notAList, 0).map((i) => i.path)).toEqual([
      'publication.departments[0].items[0].materials',
    ]);
  });
});

describe('the builder with decisions in the materials order', () => {
  it('gives the same publication as with the decisions in any other order', () => {
    const { input } = sampleInput();
    const { materials, decisions, ...head } = input;
    expect(inOrder(materials, decisions)).toBe(true);
    expect(inOrder(materials, [...decisions].reverse())).toBe(false);
    expect(inOrder(materials, decisions.slice(1))).toBe(false);
    const text = (ds: typeof decisions) => {
      const builder = createPublicationBuilder(head);
      builder.add(materials, ds);
      return serializePublication(builder.finish());
    };
    expect(text(decisions)).toBe(text([...decisions].reverse()));
  });

  it('still reports a repeated id and its second decision when the decisions are in order', () => {
    const { input } = sampleInput();
    const { materials, decisions, ...head } = input;
    const builder = createPublicationBuilder(head);
    builder.add([...materials, materials[0]!], [...decisions, decisions[0]!]);
    const n = materials.length;
    let error: unknown;
    try {
      builder.finish();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PublicationInputError);
    expect((error as PublicationInputError).issues.map((i) => i.path)).toEqual([
      `materials[${n}].id`,
      `decisions[${n}].materialId`,
    ]);
  });

  it('reports a bad row of an earlier department after one of a later department added before it', () => {
    const { input } = sampleInput();
    const { materials, decisions, ...head } = input;
    const departments = [...new Set(materials.map((m) => m.item.department))];
    expect(departments.length).toBeGreaterThanOrEqual(2);
    const firstOf = (d: string) => materials.findIndex((m) => m.item.department === d);
    const a = firstOf(departments[0]!);
    const b = firstOf(departments[1]!);
    const blank = (i: number) => ({ ...materials[i]!, name: '' });
    const builder = createPublicationBuilder(head);
    builder.add([materials[a]!], [decisions[a]!]);
    builder.add([blank(b)], [decisions[b]!]);
    const again = materials.findIndex((m, i) => i > a && m.item.department === departments[0]);
    builder.add([blank(again)], [decisions[again]!]);
    let error: unknown;
    try {
      builder.finish();
    } catch (caught) {
      error = caught;
    }
    const paths = (error as PublicationInputError).issues.map((i) => i.path);
    expect(paths).toHaveLength(2);
    expect(paths[0]).toMatch(/^publication\.departments\[0\]/);
    expect(paths[1]).toBe('publication.departments[1].items[0].materials[0].name');
  });
});
