// @jianzheng/json — the published list as canonical, checksummed, versioned JSON (domain.md §6).
// Pure: runs in browsers too. File storage lives in `@jianzheng/json/node`.

export { canonicalContent, publicationChecksum } from './canonical';
export type { CpsvApDocument, CpsvApOptions } from './cpsv-ap';
export { CPSV_AP_CONTEXT_URL, CPSV_AP_PREFIXES, exportCpsvAp } from './cpsv-ap';
export type { CreatePublicationInput } from './create-publication';
export { createPublication } from './create-publication';
export type {
  DiffFactChange,
  DiffFactField,
  DiffFactsEntry,
  DiffMaterialRef,
  DiffPresenceEntry,
  DiffSide,
  DiffVerdictEntry,
  PublicationDiff,
} from './diff';
export { DIFF_FACT_FIELDS, diffPublications } from './diff';
export type { PublicationIssue } from './errors';
export {
  PublicationBuilderFinishedError,
  PublicationChecksumError,
  PublicationExistsError,
  PublicationInputError,
  PublicationInvalidError,
  PublicationIoError,
  PublicationLockedError,
  PublicationSchemaVersionError,
} from './errors';
export type { ParsePublicationOptions, VerifyResult } from './parse-publication';
export { parsePublication, verifyPublication } from './parse-publication';
export type { PublicationBuilder, PublicationHeadInput } from './publication-builder';
export { createPublicationBuilder } from './publication-builder';
export type { RenderDiffOptions } from './render-diff';
export { escapeMarkdownText, renderDiffMarkdown } from './render-diff';
export { serializePublication, serializePublicationChunks } from './serialize';
export type { UnsignedPublication } from './validate';
