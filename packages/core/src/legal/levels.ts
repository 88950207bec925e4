import { z } from 'zod';

/**
 * The legal levels of a 设定依据 (domain.md §14), strongest first. 国办发〔2018〕47号: only the
 * first four may set a 证明 that a department demands.
 */
export const LEGAL_LEVELS = [
  'law',
  'administrative-regulation',
  'state-council-decision',
  'local-regulation',
  'department-rule',
  'local-government-rule',
  'normative-document',
  'none',
  'unknown',
] as const;

export const LegalLevelSchema = z.enum(LEGAL_LEVELS);
export type LegalLevel = z.infer<typeof LegalLevelSchema>;

/** A level a catalog entry may carry: a real instrument is never `none` or `unknown`. */
export const InstrumentLevelSchema = LegalLevelSchema.exclude(['none', 'unknown']);
export type InstrumentLevel = z.infer<typeof InstrumentLevelSchema>;

export const LEGAL_LEVEL_LABELS: Readonly<Record<LegalLevel, { readonly zh: string; readonly en: string }>> =
  {
    law: { zh: '法律', en: 'law' },
    'administrative-regulation': { zh: '行政法规', en: 'administrative regulation' },
    'state-council-decision': { zh: '国务院决定', en: 'State Council decision' },
    'local-regulation': { zh: '地方性法规', en: 'local regulation' },
    'department-rule': { zh: '部门规章', en: 'department rule' },
    'local-government-rule': { zh: '地方政府规章', en: 'local government rule' },
    'normative-document': { zh: '规范性文件', en: 'normative document' },
    none: { zh: '无设定依据', en: 'no legal basis' },
    unknown: { zh: '效力层级待认定', en: 'level not determined' },
  };

/** 法律、行政法规、国务院决定、地方性法规: the levels that may set a 证明 (47号文). */
export function maySetCertificate(level: LegalLevel): boolean {
  return (
    level === 'law' ||
    level === 'administrative-regulation' ||
    level === 'state-council-decision' ||
    level === 'local-regulation'
  );
}

/** Rank for “the strongest citation decides”: lower is stronger. */
export function levelRank(level: LegalLevel): number {
  return LEGAL_LEVELS.indexOf(level);
}
