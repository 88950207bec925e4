import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Publication } from '@jianzheng/core';
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { commitmentLetters } from './build-letters';
import { letterNotices, renderLetterDocx } from './docx';
import { demoPublication } from './testing/demo-publication';
import { DEFAULT_LETTER_WORDING } from './wording';
import { lettersZip } from './zip';

/**
 * The visible text of a .docx: the body as an independent reader sees it — mammoth, a maintained
 * .docx reader and not the library that wrote the file, parses document.xml with its styles,
 * numbering and tables, one paragraph to a line — then the footers, which mammoth does not read,
 * from their XML (runs joined, paragraphs on lines).
 */
async function documentText(docx: Uint8Array): Promise<string> {
  const { value, messages } = await mammoth.extractRawText({ buffer: Buffer.from(docx) });
  expect(messages.filter((m) => m.type === 'error')).toEqual([]);
  const files = unzipSync(docx);
  const footers = Object.keys(files)
    .filter((name) => /^word\/footer\d*\.xml$/.test(name))
    .map((name) =>
      strFromU8(files[name]!)
        .replace(/<\/w:p>/g, '\n')
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    );
  return [value.replace(/\n\n/g, '\n'), ...footers].join('\n');
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
      const text = await documentText(await renderLetterDocx(letter));
      expect(text).toContain('告知承诺书');
      expect(text).toContain(`事项名称：${letter.item.name}`);
      expect(text).toContain(`实施部门：${letter.department}`);
      expect(text).toContain(`申请人申请办理“${letter.item.name}”（实施部门：${letter.department}）`);
      for (const [label, value] of letterNotices(letter)) expect(text).toContain(`${label}：${value}`);
      expect(text).toContain(letter.declaration);
      expect(text).toContain('申请人（签字或盖章）：');
      expect(text).toContain(`告知机关（盖章）：${letter.department}`);
      expect(text.match(/日期：/g)).toHaveLength(2);
      expect(text).toContain(`《${publication.batch.title}》第 1 版`);
      for (const m of letter.materials) {
        expect(text).toContain(m.name);
        expect(text).toContain(m.commitment);
        expect(text).toContain(`核查方式：${m.check}`);
        expect(text).toContain(`核查时间：${m.checkTime}`);
        expect(text).toContain(m.obligation);
        if (m.legalBasis) expect(m.obligation).toContain(`依据${m.legalBasis}`);
        // The commitment states a fact, or leaves a line for the applicant: never the name wrapped
        // in a template sentence.
        expect(m.commitment).not.toContain(`符合“${m.name}”所要证明的条件`);
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
    const text = await documentText(await renderLetterDocx(letter!));
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
    expect(await documentText(zip[one.fileName]!)).toContain(`事项名称：${one.item.name}`);
  });
});

describe('an independent .docx reader (mammoth) reads the letter', () => {
  it('finds the title, one table row per material and nothing it cannot read', async () => {
    const letter = commitmentLetters(publication).find((l) => l.materials.length > 1)!;
    const { value: html, messages } = await mammoth.convertToHtml({
      buffer: Buffer.from(await renderLetterDocx(letter)),
    });
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    expect(html).toContain('告知承诺书');
    const tables = html.match(/<table>[\s\S]*?<\/table>/g) ?? [];
    const materials = tables.find((t) => letter.materials.every((m) => t.includes(m.name)));
    expect(materials, html).toBeDefined();
    // A header row, then one row per material.
    expect(materials!.match(/<tr>/g)).toHaveLength(letter.materials.length + 1);
  });
});

/**
 * `soffice --version` answers with Calc alone (Debian's libreoffice-calc-nogui), but opening a
 * .docx needs Writer: its module (libswlo) lies beside the soffice binary when it is installed.
 */
function libreOfficeWriter(): { available: boolean; why: string } {
  const which = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' });
  if (which.status !== 0) return { available: false, why: 'LibreOffice (soffice) is not installed' };
  const program = dirname(realpathSync(which.stdout.trim()));
  const writer = readdirSync(program).some((name) => /^(lib)?swlo\.(so|dylib|dll)$/.test(name));
  return writer
    ? { available: true, why: '' }
    : { available: false, why: `LibreOffice in ${program} has no Writer (libswlo)` };
}

describe('LibreOffice reads the letter', () => {
  const { available, why } = libreOfficeWriter();
  if (!available) console.warn(`skipped: ${why}, so no .docx → PDF check (mammoth's check above still runs)`);
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
