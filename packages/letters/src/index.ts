// @jianzheng/letters — the commitment letters (告知承诺书, domain.md §11) of a publication: one per
// item with materials replaced by a written commitment, as a model, a Word document and a zip.

export type { CommitmentLetter, CommitmentLettersOptions } from './build-letters';
export { COMMITMENT_CATEGORY, commitmentLetters, itemSlug } from './build-letters';
export {
  LETTER_TABLE_HEADER,
  letterFacts,
  letterNotices,
  letterProvenance,
  letterRows,
  renderLetterDocx,
} from './docx';
export type { LetterMaterial } from './material-text';
export { commitmentFromName } from './material-text';
export type { LetterWording } from './wording';
export { DEFAULT_COMMITMENT_CHECKS, DEFAULT_LETTER_WORDING, resolveLetterWording } from './wording';
export { lettersZip } from './zip';
