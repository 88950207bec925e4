// @jianzheng/compare — the published lists of several jurisdictions side by side (对标, domain.md §13).
// Pure: runs in browsers too.

export type { JurisdictionComparisonBuilder } from './compare';
export { compareJurisdictions, createJurisdictionComparison } from './compare';
export { ComparisonFinishedError, DuplicateBatchInComparisonError, InvalidMinCancelledError } from './errors';
export { comparisonNotice } from './notice';
export type {
  CellState,
  ComparableMaterial,
  ComparablePublication,
  ComparedBatch,
  ComparedJurisdiction,
  CompareOptions,
  ComparisonCell,
  ComparisonFinding,
  ComparisonNotice,
  ComparisonPrecedent,
  ComparisonRow,
  JurisdictionComparison,
} from './types';
