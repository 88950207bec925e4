import { describe, expect, it } from 'vitest';
import { materials } from '../testing/fixtures';
import { createEngine } from './create-engine';
import { defineRule } from './define-rule';
import { createNameMemos } from './name-memo';
import { sharedOutcome } from './outcome';
import type { MaterialContext } from './types';

/** A rule that cancels listed names and counts how often its lookup runs, by name. */
function countingRule(listed: readonly string[]) {
  const calls = new Map<string, number>();
  const rule = defineRule({
    id: 'listed-name',
    category: 'not-necessary',
    title: { zh: '测试目录', en: 'test catalog' },
    compile: ({ perName }) => {
      const cancel = sharedOutcome({ matched: true, reason: '目录收录', facts: {} });
      const keep = sharedOutcome({ matched: false, reason: '目录未收录', facts: {} });
      const listedOf = perName((name) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        // undefined for a name not listed: the memo must hold that answer too.
        return listed.includes(name) ? cancel : undefined;
      });
      return (context) => listedOf(context) ?? keep;
    },
  });
  return { rule, calls };
}

describe('perName', () => {
  it('looks a name up once per distinct name, found or not, across evaluate calls', () => {
    const { rule, calls } = countingRule(['户口簿']);
    const engine = createEngine({ rules: [rule] });
    const list = materials(
      { name: '户口簿' },
      { name: '居民身份证' },
      { name: '户口簿' },
      { name: '居民身份证' },
      { name: '居民身份证' },
    );
    const first = engine.evaluate(list).map((d) => d.verdict);
    const second = engine.evaluate(list).map((d) => d.verdict);
    expect(first).toEqual(['cancel', 'retain', 'cancel', 'retain', 'retain']);
    expect(second).toEqual(first);
    expect(Object.fromEntries(calls)).toEqual({ 户口簿: 1, 居民身份证: 1 });
  });

  it('answers for each alternative of a cell by the alternative’s own name', () => {
    const { rule, calls } = countingRule(['户口簿']);
    const engine = createEngine({ rules: [rule] });
    const [cell, plain] = engine.evaluate(materials({ name: '居民身份证或户口簿' }, { name: '居民身份证' }));
    expect(cell!.alternatives!.map((a) => a.verdict)).toEqual(['retain', 'cancel']);
    expect(cell!.verdict).toBe('cancel');
    expect(plain!.verdict).toBe('retain');
    // The cell's own name is never looked up: only its alternatives and the plain material are.
    expect([...calls.keys()].sort()).toEqual(['居民身份证', '户口簿']);
  });

  it('keeps the answers of a cell whose alternatives differ from the last one of that text apart', () => {
    const { rule } = countingRule(['户口簿']);
    const engine = createEngine({ rules: [rule] });
    const [first, second] = materials({ name: '居民身份证或户口簿' }, { name: '居民身份证或户口簿' });
    // A caller's own Material may carry alternatives of its own: they decide, not the cell's text.
    const custom = { ...second!, alternatives: ['结婚证', '居民身份证'] };
    const decided = engine.evaluate([first!, custom, first!]);
    expect(decided.map((d) => d.verdict)).toEqual(['cancel', 'retain', 'cancel']);
    expect(decided[1]!.alternatives!.map((a) => a.name)).toEqual(['结婚证', '居民身份证']);
  });

  it('gives each engine its own slots: two engines do not share answers', () => {
    const a = countingRule(['户口簿']);
    const b = countingRule([]);
    const list = materials({ name: '户口簿' });
    expect(createEngine({ rules: [a.rule] }).evaluate(list)[0]!.verdict).toBe('cancel');
    expect(createEngine({ rules: [b.rule] }).evaluate(list)[0]!.verdict).toBe('retain');
  });

  it('looks up directly for a context the engine did not build', () => {
    const { perName, slotCount } = createNameMemos();
    let calls = 0;
    const lengthOf = perName((name) => {
      calls++;
      return name.length;
    });
    const context = { name: '户口簿' } as MaterialContext;
    expect([lengthOf(context), lengthOf(context)]).toEqual([3, 3]);
    expect(calls).toBe(2);
    expect(slotCount()).toBe(1);
  });
});
