import { parsePublication, serializePublication } from '@jianzheng/json';
import { describe, expect, it } from 'vitest';
import { derivePublication, publicationFromSpec, syntheticJurisdictionPublications } from './publications';

describe('publications of several jurisdictions', () => {
  it('generates valid lists of the asked size that share items and materials', () => {
    const lists = [...syntheticJurisdictionPublications({ jurisdictions: 3, materialsEach: 300 })];
    expect(lists.map((p) => p.summary.materials)).toEqual([300, 300, 300]);
    for (const pub of lists) expect(parsePublication(serializePublication(pub)).sha256).toBe(pub.sha256);
    const codes = lists.map((p) => new Set(p.departments.flatMap((d) => d.items.map((i) => i.code))));
    const shared = [...codes[0]!].filter((code) => codes[1]!.has(code));
    expect(shared.length).toBeGreaterThan(0);
    expect(lists[0]!.summary.cancelled).toBeGreaterThan(0);
  });

  it('derives a neighbour that lists fewer items and decides a few materials the other way', () => {
    const source = publicationFromSpec(
      { code: '341300', name: '宿州市', level: 'city' },
      { id: 's', title: '宿州' },
      [
        {
          department: '市公安局',
          code: 'GA-1',
          name: '户口迁入',
          materials: Array.from({ length: 200 }, (_, i): [string, string?] =>
            i % 2 ? [`材料${i}`] : [`材料${i}`, 'information-sharing'],
          ),
        },
      ],
    );
    const derived = derivePublication(source, {
      jurisdiction: { code: '341321', name: '砀山县', level: 'county' },
      batch: { id: 'd', title: '砀山' },
      seed: 1,
      dropItem: 0,
      cancelRetained: 0.1,
      retainCancelled: 0.1,
    });
    expect(derived.departments[0]!.name).toBe('县公安局');
    const verdicts = (pub: typeof source) => pub.departments[0]!.items[0]!.materials.map((m) => m.verdict);
    const changed = verdicts(source).filter((v, i) => v !== verdicts(derived)[i]).length;
    expect(changed).toBeGreaterThan(5);
    expect(changed).toBeLessThan(60);
  });
});
