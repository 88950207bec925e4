import { defineRule } from '../engine/define-rule';
import { outcomeCache, sharedOutcome } from '../engine/outcome';

const replacementFor = (reference: string | null) =>
  reference ? `依据${reference}不再索要` : '依据上级文件不再索要';

/** The public 依据: the superior authority's document (its title and 文号 as the catalog or the department gave them). */
const publicFor = (reference: string | null) =>
  reference ? `上级部门已公布取消（${reference}）` : '上级部门已公布取消';

/** 原则5: 上级部门已公布取消的证明、材料，对应的一律取消. */
export const superiorCancelled = defineRule({
  id: 'superior-cancelled',
  category: 'superior-decision',
  principle: 5,
  title: { zh: '上级部门已公布取消', en: 'already cancelled by a superior authority' },
  principleText: {
    zh: '上级部门已公布取消的证明、材料，对应的一律取消',
    en: 'certificates and materials a superior authority has already cancelled are cancelled here too',
  },
  explanation: {
    zh: '上级部门已公布取消的，在“上级已取消”栏填写取消文件文号；目录已收录的自动取消',
    en: 'where a superior authority has cancelled the material, enter its document number under 上级已取消; materials in the catalog are cancelled automatically',
  },
  compile: ({ catalogs, normalize }) => {
    // Item name → material name → outcome. Nested rather than keyed by "item|material": a joined
    // key is a new string to build and hash for every material evaluated.
    const catalogHits = new Map<string, Map<string, ReturnType<typeof sharedOutcome>>>();
    // The catalog's reference of each entry, for a department's 否 that switches it off.
    const listedAs = new Map<ReturnType<typeof sharedOutcome>, string | null>();
    for (const entry of catalogs.superiorCancellations) {
      const itemName = normalize(entry.item);
      const materialName = normalize(entry.material);
      let byMaterial = catalogHits.get(itemName);
      if (byMaterial === undefined) {
        byMaterial = new Map();
        catalogHits.set(itemName, byMaterial);
      }
      if (byMaterial.has(materialName)) continue;
      const reference = entry.reference ?? null;
      const hit = sharedOutcome({
        matched: true,
        reason: reference ? `上级已取消清单收录（${reference}）` : '上级已取消清单收录',
        facts: { superiorCancelled: 'unknown', catalog: 'superiorCancellations', reference },
        replacement: replacementFor(reference),
        publicReason: publicFor(reference),
      });
      byMaterial.set(materialName, hit);
      listedAs.set(hit, reference);
    }
    const declaredYes = outcomeCache((reference: string | null) => ({
      matched: true,
      reason: reference ? `部门填报上级已取消（${reference}）` : '部门填报上级已取消',
      facts: { superiorCancelled: 'yes', reference },
      replacement: replacementFor(reference),
      publicReason: publicFor(reference),
    }));
    const declaredNo = sharedOutcome({
      matched: false,
      reason: '部门填报上级未取消',
      facts: { superiorCancelled: 'no' },
    });
    // A department's 否 (or blank cell, domain.md §8) beats the catalog (§4), but the trace says
    // that the catalog lists the material, so a reviewer sees what the 否 switched off.
    const declaredNoButListed = outcomeCache((reference: string | null) => ({
      matched: false,
      reason: `部门填报上级未取消；但上级已取消清单收录${reference ? `（${reference}）` : ''}，请核实`,
      facts: { superiorCancelled: 'no', catalog: 'superiorCancellations', reference },
    }));
    const notListed = sharedOutcome({
      matched: false,
      reason: '上级未公布取消',
      facts: { superiorCancelled: 'unknown' },
    });

    return ({ material, itemName, name }) => {
      if (material.superiorCancelled === 'yes') return declaredYes(material.superiorReference ?? null);
      if (catalogHits.size === 0) return material.superiorCancelled === 'no' ? declaredNo : notListed;
      const hit = catalogHits.get(itemName)?.get(name);
      if (material.superiorCancelled === 'no')
        return hit === undefined ? declaredNo : declaredNoButListed(listedAs.get(hit) ?? null);
      return hit ?? notListed;
    };
  },
});
