import { indexByNames } from '../catalogs/name-index';
import { defineRule } from '../engine/define-rule';
import { pairCache, ruleOutcome, sharedOutcome } from '../engine/outcome';
import type { RuleOutcome } from '../engine/types';

/** 原则7: 开具证明的单位无权查证、无法开具的，一律取消. */
export const issuerCannotCertify = defineRule({
  id: 'issuer-cannot-certify',
  category: 'not-necessary',
  principle: 7,
  title: { zh: '开具单位无权查证', en: 'the issuer cannot verify what it would certify' },
  principleText: {
    zh: '开具证明的单位无权查证、无法开具的，一律取消',
    en: 'certificates the issuer has no power to verify or cannot issue are cancelled',
  },
  explanation: {
    zh: '民发〔2020〕20号所列 20 项证明（亲属关系、婚姻状况、无犯罪记录、居民财产、市场主体住所等）不应由村(居)委会出具，改由办理部门核实；请在“开具单位”写明开具单位',
    en: 'the 20 certificates of 民发〔2020〕20号 (kinship, marital status, criminal record, property, business premises …) may not come from a 村/居委会; the office checks the fact itself — name the issuer',
  },
  publicWording: {
    zh: '村(居)委会无权出具，改由办理部门核实',
    en: 'a village or residents committee may not certify it; the office checks it itself',
  },
  compile: ({ catalogs, normalize, perName }) => {
    const keywordsByMaterial = new Map<string, string[]>();
    for (const entry of catalogs.issuerRestrictions) {
      const keywords = entry.issuerKeywords.map((k) => normalize(k)).filter((k) => k !== '');
      for (const [name] of indexByNames([entry], (e) => [e.material, ...(e.aliases ?? [])], normalize)) {
        keywordsByMaterial.set(name, [...(keywordsByMaterial.get(name) ?? []), ...keywords]);
      }
    }
    const notRestricted = sharedOutcome({
      matched: false,
      reason: '不在开具单位限制目录中',
      facts: { restricted: false },
    });
    // The outcome depends only on the name and the issuer as written, and both repeat across a
    // city's list: one shared outcome per pair (bounded), not one allocated per material.
    const restricted = pairCache((materialName: string, issuerText: string | null) =>
      sharedOutcome(
        issuerOutcome(
          keywordsByMaterial.get(normalize(materialName))!,
          normalize(issuerText ?? undefined),
          issuerText,
          materialName,
        ),
      ),
    );
    const keywordsOf = perName((name) => keywordsByMaterial.get(name));
    return (context) => {
      const keywords = keywordsOf(context);
      if (keywords === undefined) return notRestricted;
      const { name, material } = context;
      const issuerText = material.issuer ?? null;
      // An alternative of a cell (“A或B”) is judged by its own name, which the cell's pair does not
      // say: built for this material alone.
      if (normalize(material.name) !== name) {
        return ruleOutcome(
          issuerOutcome(keywords, normalize(issuerText ?? undefined), issuerText, material.name),
        );
      }
      return restricted(material.name, issuerText);
    };
  },
});

/** A restricted material's outcome: cancelled when its issuer is one the catalog says cannot certify it. */
function issuerOutcome(
  keywords: readonly string[],
  issuer: string,
  issuerText: string | null,
  materialName: string,
): RuleOutcome {
  const keyword = issuer === '' ? undefined : keywords.find((k) => issuer.includes(k));
  return keyword === undefined
    ? {
        matched: false,
        reason: '开具单位可以开具',
        facts: { restricted: true, issuer: issuerText },
      }
    : {
        matched: true,
        reason: `“${issuerText}”无权查证“${materialName}”`,
        facts: { restricted: true, issuer: issuerText, keyword },
        replacement: '由办理部门依职责核实',
        publicReason: issuerText
          ? `开具单位“${issuerText}”无权出具此证明，改由办理部门核实`
          : '开具单位无权出具此证明，改由办理部门核实',
      };
}
