import { defineRule } from '../engine/define-rule';
import type { RuleOutcome } from '../engine/types';

/** 原则4 (部门征询/内部查询): the office looks the fact up in its own records. */
export const internalQuery = defineRule({
  id: 'internal-query',
  category: 'internal-query',
  principle: 4,
  title: { zh: '改为部门内部查询', en: 'replaced by internal department query' },
  compile:
    () =>
    ({ material, issuer, department }): RuleOutcome => {
      const declared = material.internalQuery;
      const issuerText = material.issuer ?? null;
      if (declared === 'yes') {
        return {
          matched: true,
          reason: '部门填报可内部查询',
          facts: { internalQuery: declared, issuer: issuerText },
          replacement: `由${material.item.department}内部查询核实`,
        };
      }
      if (declared === 'no') {
        return { matched: false, reason: '部门填报不能内部查询', facts: { internalQuery: declared } };
      }
      if (issuer !== '' && issuer === department) {
        return {
          matched: true,
          reason: `开具单位即实施部门“${material.item.department}”`,
          facts: { internalQuery: declared, issuer: issuerText, issuerIsDepartment: true },
          replacement: `由${material.item.department}内部查询核实`,
        };
      }
      return {
        matched: false,
        reason: '不能内部查询',
        facts: { internalQuery: declared, issuer: issuerText, issuerIsDepartment: false },
      };
    },
});
