import { wallClockDate } from '@jianzheng/core';
import { strToU8, type Zippable, zipSync } from 'fflate';
import type { CommitmentLetter } from './build-letters';
import { letterProvenance, renderLetterDocx } from './docx';

/**
 * Every letter of a publication as one zip: `部门/事项.docx` plus a `说明.txt` naming the version.
 * The documents are zips already, so they are stored, not compressed again.
 */
export async function lettersZip(letters: readonly CommitmentLetter[]): Promise<Uint8Array> {
  const files: Zippable = {};
  const first = letters[0];
  // Entries carry the publication's date, so the same version always zips to the same names and
  // times; a zip stores local time without a zone, so it is the city's wall clock, not UTC's.
  const mtime = first ? wallClockDate(first.publishedAt, first.timeZone) : new Date(1980, 0, 1);
  const lines = [
    first ? `告知承诺书 — ${letterProvenance(first)}` : '告知承诺书',
    `共 ${letters.length} 份，涉及 ${letters.reduce((n, l) => n + l.materials.length, 0)} 项承诺材料。`,
    '',
    ...letters.map((l) => `${l.fileName}\t${l.materials.map((m) => m.name).join('、')}`),
    '',
  ];
  files['说明.txt'] = [strToU8(lines.join('\r\n')), { level: 6, mtime }];
  for (const letter of letters)
    files[letter.fileName] = [await renderLetterDocx(letter), { level: 0, mtime }];
  return zipSync(files);
}
