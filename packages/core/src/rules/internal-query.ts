import { defineRule } from '../engine/define-rule';
import { outcomeCache, sharedOutcome } from '../engine/outcome';

/** 原则4 (部门征询/内部查询): the office looks the fact up in its own records. */
export const internalQuery = defineRule({
  id: 'internal-query',
  category: 'internal-query',
  principle: 4,
  title: { zh: '改为部门内部查询', en: 'replaced by internal department query' },
  principleText: {
    zh: '凡能通过网络核验、部门征询方式解决的，一律取消',
    en: 'what the office can check online or by asking another department is cancelled',
  },
  explanation: {
    zh: '本部门可内部查询、或由本部门开具的材料，不再要求申请人提供',
    en: 'materials the department can look up in its own records, or issues itself, are no longer demanded',
  },
  compile: () => {
    const declaredYes = outcomeCache((department: string) => ({
      matched: true,
      reason: '部门填报可内部查询',
      facts: { internalQuery: 'yes' },
      replacement: `由${department}内部查询核实`,
      publicReason: `${department}可通过内部查询核实`,
    }));
    const issuedByItself = outcomeCache((department: string) => ({
      matched: true,
      reason: `开具单位即实施部门“${department}”`,
      facts: { internalQuery: 'unknown', issuerIsDepartment: true },
      replacement: `由${department}内部查询核实`,
      publicReason: `材料由${department}自行出具，改为内部查询核实`,
    }));
    const declaredNo = sharedOutcome({
      matched: false,
      reason: '部门填报不能内部查询',
      facts: { internalQuery: 'no' },
    });
    const otherIssuer = sharedOutcome({
      matched: false,
      reason: '开具单位不是实施部门',
      facts: { internalQuery: 'unknown', issuerIsDepartment: false },
    });
    // The context is read lazily: its normalized issuer is computed only when this rule needs it.
    return (context) => {
      const { material } = context;
      if (material.internalQuery === 'yes') return declaredYes(material.item.department);
      if (material.internalQuery === 'no') return declaredNo;
      const issuer = context.issuer;
      return issuer !== '' && issuer === context.department
        ? issuedByItself(material.item.department)
        : otherIssuer;
    };
  },
});
