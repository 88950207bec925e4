// @jianzheng/letters — the commitment letters (告知承诺书, domain.md §11) of a publication: one per
// item with materials replaced by a written commitment, as a model, a Word document and a zip.

export type { CommitmentLetter, CommitmentLettersOptions, LetterMaterial } from './build-letters';
export { COMMITMENT_CATEGORY, commitmentLetters, itemSlug } from './build-letters';
export { letterFacts, letterProvenance, renderLetterDocx } from './docx';
export type { LetterWording } from './wording';
export { DEFAULT_COMMITMENT_CHECKS, DEFAULT_LETTER_WORDING, resolveLetterWording } from './wording';
export { lettersZip } from './zip';
