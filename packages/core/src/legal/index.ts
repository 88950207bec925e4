export type {
  Citation,
  LegalBasisAssessment,
  LegalBasisContext,
  LegalBasisOwner,
  LegalClassification,
} from './classify';
export { classifyLegalBasis, createLegalBasisClassifier } from './classify';
export type { InstrumentLevel, LegalLevel } from './levels';
export {
  InstrumentLevelSchema,
  LEGAL_LEVEL_LABELS,
  LEGAL_LEVELS,
  LegalLevelSchema,
  levelRank,
  maySetCertificate,
} from './levels';
export type {
  IssuerReferrals,
  LegalLevelCount,
  LegalLevelCounts,
  LegalTally,
  Referral,
} from './tally';
export {
  createLegalLevelCounter,
  createLegalTally,
  tallyLegalBases,
} from './tally';
