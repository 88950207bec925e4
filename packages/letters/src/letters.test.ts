import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Publication } from '@jianzheng/core';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { commitmentLetters } from './build-letters';
import { renderLetterDocx } from './docx';
import { demoPublication } from './testing/demo-publication';
import { DEFAULT_LETTER_WORDING } from './wording';
import { lettersZip } from './zip';

/** The visible text of a .docx: word/document.xml, then its footers (runs joined, paragraphs on lines). */
function documentText(docx: Uint8Array): string {
  const files = unzipSync(docx);
  const parts = Object.keys(files).filter((name) => /^word\/footer\d*\.xml$/.test(name));
  const xml = [files['word/document.xml']!, ...parts.map((name) => files[name]!)]
    .map((bytes) => strFromU8(bytes))
    .join('\n');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

let publication: Publication;
beforeAll(async () => {
  publication = await demoPublication();
});

describe('the commitment letters of the 宿州 demo publication', () => {
  it('cover exactly the 208 materials cancelled as written commitments, item by item', () => {
    const letters = commitmentLetters(publication);
    const committed = publication.departments.flatMap((d) =>
      d.items.flatMap((item) =>
        item.materials
          .filter((m) => m.verdict === 'cancel' && m.category?.id === 'commitment')
          .map((m) => ({ department: d.name, item: item.name, id: m.id })),
      ),
    );
    expect(publication.summary.byCategory.commitment).toBe(208);
    expect(committed).toHaveLength(208);
    expect(letters.flatMap((l) => l.materials.map((m) => m.id)).sort()).toEqual(
      committed.map((c) => c.id).sort(),
    );
    const items = new Set(committed.map((c) => `${c.department}|${c.item}`));
    expect(letters).toHaveLength(items.size);
    expect(new Set(letters.map((l) => l.fileName)).size).toBe(letters.length);
    for (const letter of letters) {
      expect(letter.version).toBe(1);
      expect(letter.publicationSha256).toBe(publication.sha256);
      expect(letter.fileName.startsWith(`${letter.department}/`)).toBe(true);
    }
  });

  it('writes one Word document per item naming the item, department, every material, its check and the liability', async () => {
    const letters = commitmentLetters(publication);
    let withSource = 0;
    for (const letter of letters) {
      const text = documentText(await renderLetterDocx(letter));
      expect(text).toContain('告知承诺书');
      expect(text).toContain(`事项名称：${letter.item.name}`);
      expect(text).toContain(`实施部门：${letter.department}`);
      expect(text).toContain(`申请人申请办理“${letter.item.name}”（实施部门：${letter.department}）`);
      expect(text).toContain('违诺责任：申请人知悉：承诺不实或违反承诺的');
      expect(text).toContain('申请人（签字或盖章）：');
      expect(text).toContain('日期：');
      expect(text).toContain(`《${publication.batch.title}》第 1 版`);
      for (const m of letter.materials) {
        expect(text).toContain(m.name);
        expect(text).toContain(m.commitment);
        expect(text).toContain(m.check);
        expect(m.check.startsWith('事中事后核查')).toBe(true);
        if (m.source) {
          withSource++;
          expect(text).toContain(`数据来源：${m.source}`);
        }
      }
      // The table lists exactly this item's materials: count the numbered rows.
      const rows = text.split('\n').filter((line) => /^\d+$/.test(line.trim()));
      expect(rows).toHaveLength(letter.materials.length);
    }
    expect(withSource).toBeGreaterThan(0);
  });

  it('uses a city’s own wording from commitmentLetter, with placeholders filled', async () => {
    const [letter] = commitmentLetters(publication, {
      wording: {
        title: '{jurisdiction}证明事项告知承诺书',
        liability: '申请人作出不实承诺的，{department}依法终止办理并记入信用档案。',
        check: '事中事后核查：{department}在 30 日内抽查。',
        checks: [],
      },
    });
    const text = documentText(await renderLetterDocx(letter!));
    expect(text).toContain('宿州市证明事项告知承诺书');
    expect(text).toContain(`申请人作出不实承诺的，${letter!.department}依法终止办理并记入信用档案。`);
    expect(text).toContain(`事中事后核查：${letter!.department}在 30 日内抽查。`);
    expect(text).not.toContain(DEFAULT_LETTER_WORDING.liability.slice(0, 10));
    expect(letter!.materials.every((m) => m.source === null)).toBe(true);
  });

  it('gives a new version its own letters and zips every letter of a version', async () => {
    const v2 = await demoPublication({ version: 2, adjustmentReason: '动态调整' });
    // Twelve letters are enough to check the archive; every document was read back above.
    const letters = commitmentLetters(v2).slice(0, 12);
    expect(letters.every((l) => l.version === 2 && l.publicationSha256 === v2.sha256)).toBe(true);
    const zip = unzipSync(await lettersZip(letters));
    const names = Object.keys(zip).sort();
    expect(names).toEqual(['说明.txt', ...letters.map((l) => l.fileName)].sort());
    expect(strFromU8(zip['说明.txt']!)).toContain(`第 2 版`);
    const one = letters[3]!;
    expect(documentText(zip[one.fileName]!)).toContain(`事项名称：${one.item.name}`);
  });
});

describe('LibreOffice reads the letter', () => {
  const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
  const available = soffice.status === 0;
  if (!available) console.warn('skipped: LibreOffice (soffice) is not installed, so no .docx → PDF check');
  it.skipIf(!available)('converts a letter to a PDF', async () => {
    const [letter] = commitmentLetters(publication);
    const dir = mkdtempSync(join(tmpdir(), 'letters-pdf-'));
    try {
      writeFileSync(join(dir, 'letter.docx'), await renderLetterDocx(letter!));
      const result = spawnSync(
        'soffice',
        [
          `-env:UserInstallation=file://${dir}/profile`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          join(dir, 'letter.docx'),
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect(result.status, result.stderr).toBe(0);
      expect(readdirSync(dir)).toContain('letter.pdf');
      const pdf = readFileSync(join(dir, 'letter.pdf'));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBeGreaterThanOrEqual(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
