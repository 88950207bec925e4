import { defineRule } from '../engine/define-rule';
import { outcomeCache, sharedOutcome } from '../engine/outcome';
import type { RuleOutcome } from '../engine/types';
import { createLegalBasisClassifier, type LegalClassification } from '../legal/classify';
import { LEGAL_LEVEL_LABELS } from '../legal/levels';

const NO_BASIS = '无法律、行政法规、国务院决定或地方性法规设定依据';

/** 《title》（number）, or whichever of the two the text gave. */
function named(c: LegalClassification): string {
  const title = c.instrument && c.instrument !== c.documentNumber ? `《${c.instrument}》` : '';
  const number = c.documentNumber ? (title ? `（${c.documentNumber}）` : c.documentNumber) : '';
  return `${title}${number}${c.article ?? ''}` || '设定依据';
}

function facts(text: string | null, c: LegalClassification) {
  return {
    legalBasis: text,
    level: c.level,
    instrument: c.instrument,
    documentNumber: c.documentNumber,
    article: c.article,
    issuer: c.issuer,
    decidedBy: c.decidedBy,
  };
}

function assessment(c: LegalClassification) {
  const { level, instrument, documentNumber, article, issuer, decidedBy } = c;
  return { level, instrument, documentNumber, article, issuer, decidedBy };
}

/**
 * The outcome for one classified 设定依据 (domain.md §14): cancel when there is none or only this
 * jurisdiction's own rule or document sets it (谁设定谁清理); retain and flag when a ministry's rule
 * or a superior's document sets it (`refer-to-issuer`) or when its level cannot be told
 * (`needs-legal-review`); retain when a law, regulation or 国务院决定 sets it.
 */
export function legalBasisOutcome(text: string | null, c: LegalClassification): RuleOutcome {
  const label = LEGAL_LEVEL_LABELS[c.level].zh;
  const base = { facts: facts(text, c), legalBasis: assessment(c) };
  if (c.level === 'none') {
    return {
      ...base,
      matched: true,
      reason: text ? `设定依据为“${text}”` : '未填写设定依据',
      replacement: '不再索要',
      publicReason: NO_BASIS,
    };
  }
  if (c.level === 'unknown' || c.owner === 'unknown') {
    return {
      ...base,
      matched: false,
      reason: `设定依据“${text}”的效力层级或制定机关无法认定，保留并提交合法性审查`,
      flags: ['needs-legal-review'],
    };
  }
  if (c.owner === 'own') {
    return {
      ...base,
      matched: true,
      reason: `设定依据${named(c)}为本级${label}，不能设定证明事项，按谁设定谁清理取消`,
      replacement: '不再索要',
      publicReason: `设定依据${named(c)}为${label}，不能设定证明事项`,
    };
  }
  if (c.owner === 'superior') {
    return {
      ...base,
      matched: false,
      reason: `设定依据${named(c)}为${c.issuer ?? '上级'}制定的${label}，不能设定证明事项；保留并建议制定机关取消`,
      flags: ['refer-to-issuer'],
    };
  }
  return { ...base, matched: false, reason: `设定依据${named(c)}为${label}` };
}

/** 原则1: 凡没有法律法规依据的，一律取消 — by the legal level of the 设定依据 (§14). */
export const noLegalBasis = defineRule({
  id: 'no-legal-basis',
  category: 'no-legal-basis',
  principle: 1,
  title: { zh: '无法律法规依据', en: 'no legal basis' },
  principleText: {
    zh: '凡没有法律法规依据的，一律取消',
    en: 'materials without a basis in law or regulation are cancelled',
  },
  explanation: {
    zh: '“设定依据”须写明法律、行政法规、国务院决定或地方性法规的名称及条款；部门规章、地方政府规章和规范性文件不能设定证明，本级自行设定的一律取消；没有依据填“无”，该材料取消',
    en: 'name the law, administrative regulation, State Council decision or local regulation and its article under 设定依据; department rules, local government rules and normative documents cannot set a certificate, and what this jurisdiction set itself is cancelled; write 无 when there is none',
  },
  compile: ({ catalogs, jurisdiction }) => {
    const classify = createLegalBasisClassifier({
      instruments: catalogs.legalInstruments,
      documentPrefixes: jurisdiction?.documentPrefixes,
      jurisdictionName: jurisdiction?.name,
    });
    const blank = sharedOutcome(legalBasisOutcome(null, classify(null)));
    // Legal bases repeat across a list (the same law for many materials): classify each text once.
    const byText = outcomeCache((legalBasis: string) => legalBasisOutcome(legalBasis, classify(legalBasis)));
    return ({ material }) => (material.legalBasis ? byText(material.legalBasis) : blank);
  },
});
