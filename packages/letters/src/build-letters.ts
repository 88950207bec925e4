import {
  type CommitmentLetterConfig,
  DEFAULT_TIME_ZONE,
  itemKey,
  type Publication,
  type PublishedItem,
  sha256Hex,
} from '@jianzheng/core';
import { type LetterMaterial, materialTexts } from './material-text';
import { fill, type LetterWording, resolveLetterWording } from './wording';

/** The category whose materials a letter replaces (domain.md §3, §11). */
export const COMMITMENT_CATEGORY = 'commitment';

/** The 告知承诺书 of one item in one published version. */
export interface CommitmentLetter {
  jurisdiction: string;
  batchId: string;
  batchTitle: string;
  documentNumber: string | null;
  /** The publication version the letter belongs to: a new version gives new letters. */
  version: number;
  publishedAt: string;
  /** The zone the letter's dates are written in (domain.md §9 `timeZone`). */
  timeZone: string;
  /** sha256 of the publication the letter was made from. */
  publicationSha256: string;
  department: string;
  item: { code: string | null; name: string; type: string | null; slug: string };
  title: string;
  preamble: string;
  materials: LetterMaterial[];
  /** 承诺方式. */
  method: string;
  /** The applicant's duty to cooperate with the check. */
  cooperation: string;
  /** 不实承诺的法律责任. */
  liability: string;
  /** The applicant may submit the 证明 instead. */
  choice: string;
  /** Who may not use 告知承诺 until 信用修复. */
  creditCondition: string;
  /** The applicant's declaration above the signature blocks. */
  declaration: string;
  /** Lines left blank for the applicant to sign, with the date. */
  signatures: string[];
  /** Lines for the office: its seal (盖章), the officer and the date. */
  officeSignatures: string[];
  /** A file name for the Word document, unique within the publication: `部门/事项.docx`. */
  fileName: string;
}

export interface CommitmentLettersOptions {
  /** A city's `commitmentLetter` configuration (domain.md §9, §11); absent keys keep the defaults. */
  wording?: CommitmentLetterConfig;
  /** The zone dates are written in (the city's `timeZone`; default Asia/Shanghai). */
  timeZone?: string;
}

const DATE_LINE = '日期：        年    月    日';
const SIGNATURES = ['申请人（签字或盖章）：', '身份证件号码 / 统一社会信用代码：', '联系电话：', DATE_LINE];
const OFFICE_SIGNATURES = ['告知机关（盖章）：{department}', '经办人（签字）：', DATE_LINE];

/** The item page's URL segment (the public site uses the same): stable across versions. */
export function itemSlug(department: string, item: Pick<PublishedItem, 'code' | 'name'>): string {
  const key = itemKey(
    item.code ? { department, code: item.code, name: item.name } : { department, name: item.name },
  );
  return sha256Hex(key).slice(0, 12);
}

// Windows, macOS and zip readers all accept these; anything else becomes a full-width look-alike
// or is dropped, so a department's name never turns into a path.
function safeFileName(text: string): string {
  const cleaned = text
    .replace(/[\\/:*?"<>|]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0))
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/^\.+/, '')
    .trim();
  return (cleaned || '未命名').slice(0, 80);
}

/**
 * The commitment letters of a publication: one per item with at least one material cancelled in
 * category `commitment`, in the publication's department and item order. Pure: the same
 * publication and wording give the same letters.
 */
export function commitmentLetters(
  publication: Publication,
  options: CommitmentLettersOptions = {},
): CommitmentLetter[] {
  const wording: LetterWording = resolveLetterWording(options.wording);
  const letters: CommitmentLetter[] = [];
  const usedNames = new Set<string>();
  for (const department of publication.departments) {
    for (const item of department.items) {
      const committed = item.materials.filter(
        (m) => m.verdict === 'cancel' && m.category?.id === COMMITMENT_CATEGORY,
      );
      if (committed.length === 0) continue;
      const slug = itemSlug(department.name, item);
      const values = {
        item: item.name,
        department: department.name,
        jurisdiction: publication.jurisdiction.name,
      };
      const materials = committed.map(materialTexts(wording, values));
      let fileName = `${safeFileName(department.name)}/${safeFileName(item.name)}.docx`;
      if (usedNames.has(fileName))
        fileName = `${safeFileName(department.name)}/${safeFileName(item.name)}-${item.code ? safeFileName(item.code) : slug}.docx`;
      usedNames.add(fileName);
      letters.push({
        jurisdiction: publication.jurisdiction.name,
        batchId: publication.batch.id,
        batchTitle: publication.batch.title,
        documentNumber: publication.batch.documentNumber,
        version: publication.version,
        publishedAt: publication.publishedAt,
        timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
        publicationSha256: publication.sha256,
        department: department.name,
        item: { code: item.code, name: item.name, type: item.type, slug },
        title: fill(wording.title, values),
        preamble: fill(wording.preamble, values),
        materials,
        method: fill(wording.method, values),
        cooperation: fill(wording.cooperation, values),
        liability: fill(wording.liability, values),
        choice: fill(wording.choice, values),
        creditCondition: fill(wording.creditCondition, values),
        declaration: fill(wording.declaration, values),
        signatures: SIGNATURES,
        officeSignatures: OFFICE_SIGNATURES.map((line) => fill(line, values)),
        fileName,
      });
    }
  }
  return letters;
}
