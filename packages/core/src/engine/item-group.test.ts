import { describe, expect, it } from 'vitest';
import { ItemGroup, nameFingerprint } from './item-group';

describe('ItemGroup', () => {
  it('counts occurrences by name, fingerprints only as a shortcut', () => {
    const group = new ItemGroup('户口迁移登记', '市公安局');
    // Different names with one fingerprint (a collision) still count apart.
    expect(group.add('户口簿', 7)).toBe(1);
    expect(group.add('身份证', 7)).toBe(1);
    expect(group.add('户口簿', 7)).toBe(2);
    expect(group.has('身份证')).toBe(true);
    expect(group.has('结婚证')).toBe(false);
  });

  it('counts an original only against earlier originals', () => {
    const group = new ItemGroup('户口迁移登记', '市公安局');
    const fingerprint = nameFingerprint('户口簿');
    expect(group.add('户口簿', fingerprint)).toBe(1);
    expect(group.add('户口簿', fingerprint, true)).toBe(1);
    expect(group.add('户口簿', fingerprint, true)).toBe(2);
  });

  it('counts the same past 32 names, where it keeps a map instead of scanning', () => {
    const group = new ItemGroup('户口迁移登记', '市公安局');
    const names = Array.from({ length: 40 }, (_, i) => `材料${i % 13}`);
    const counts = names.map((name) => group.add(name, nameFingerprint(name)));
    const expected = names.map((name, i) => names.slice(0, i + 1).filter((n) => n === name).length);
    expect(counts).toEqual(expected);
  });

  it('gives equal names equal fingerprints', () => {
    expect(nameFingerprint(['户', '口', '簿'].join(''))).toBe(nameFingerprint('户口簿'));
    expect(nameFingerprint('户口簿')).not.toBe(nameFingerprint('户口本'));
  });
});
