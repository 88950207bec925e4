import { indexByNames } from '../catalogs/name-index';
import { defineRule } from '../engine/define-rule';
import type { RuleOutcome } from '../engine/types';

/** 原则7: 开具证明的单位无权查证、无法开具的，一律取消. */
export const issuerCannotCertify = defineRule({
  id: 'issuer-cannot-certify',
  category: 'not-necessary',
  principle: 7,
  title: { zh: '开具单位无权查证', en: 'the issuer cannot verify what it would certify' },
  compile: ({ catalogs, normalize }) => {
    const byMaterial = new Map<string, string[][]>();
    for (const entry of catalogs.issuerRestrictions) {
      const keywords = entry.issuerKeywords.map((k) => normalize(k)).filter((k) => k !== '');
      for (const [key] of indexByNames([entry], (e) => [e.material, ...(e.aliases ?? [])], normalize)) {
        const list = byMaterial.get(key) ?? [];
        list.push(keywords);
        byMaterial.set(key, list);
      }
    }
    return ({ name, issuer, material }): RuleOutcome => {
      const restrictions = byMaterial.get(name);
      const issuerText = material.issuer ?? null;
      if (restrictions === undefined || issuer === '') {
        return {
          matched: false,
          reason: '开具单位可以开具',
          facts: { issuer: issuerText, normalizedName: name },
        };
      }
      for (const keywords of restrictions) {
        const keyword = keywords.find((k) => issuer.includes(k));
        if (keyword !== undefined) {
          return {
            matched: true,
            reason: `“${issuerText}”无权查证“${material.name}”`,
            facts: { issuer: issuerText, normalizedName: name, keyword },
            replacement: '不再索要，由办理部门依职责核实',
          };
        }
      }
      return {
        matched: false,
        reason: '开具单位可以开具',
        facts: { issuer: issuerText, normalizedName: name },
      };
    };
  },
});
