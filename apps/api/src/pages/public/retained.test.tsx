import { describe, expect, it } from 'vitest';
import type { PublicMaterial } from '../public-rows';
import { Retained } from './components';

const retained = (legalBasisLevel: string | null): PublicMaterial => ({
  id: '0123456789abcdef',
  name: '机动车登记申请表',
  verdict: 'retain',
  category: null,
  effectiveFrom: null,
  replacement: null,
  wording: null,
  basis: null,
  issuer: '车辆管理所',
  legalBasis: '《机动车登记规定》第五条',
  legalBasisLevel,
});

describe('a retained material on the public pages (保留清单, domain.md §14)', () => {
  it('shows its 设定依据 with the level in words, and its 开具单位', () => {
    const html = String(<Retained material={retained('department-rule')} lang="zh" />);
    expect(html).toContain('设定依据：《机动车登记规定》第五条（部门规章）');
    expect(html).toContain('开具单位：车辆管理所');
    expect(String(<Retained material={retained('law')} lang="en" />)).toContain('(law)');
  });

  it('says no level when none was assessed or it could not be told', () => {
    for (const level of [null, 'unknown', 'none']) {
      const html = String(<Retained material={retained(level)} lang="zh" />);
      expect(html).toContain('设定依据：《机动车登记规定》第五条');
      expect(html).not.toContain('（');
    }
  });
});
