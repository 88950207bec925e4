import { formatLocalDateTime } from '@jianzheng/core';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { CommitmentLetter } from './build-letters';

// 宋体 for the body, 黑体 for the title: what official letters in China are set in. Where the
// fonts are absent (LibreOffice on Linux) the reader substitutes a CJK font of its own.
const BODY_FONT = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun', cs: 'SimSun' };
const TITLE_FONT = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei', cs: 'SimHei' };
const BODY_SIZE = 24; // half-points: 12 pt, 小四
const CM = 567; // twips per centimetre

function text(value: string, options: { bold?: boolean } = {}) {
  return new TextRun({ text: value, bold: options.bold ?? false });
}

function paragraph(value: string, options: { bold?: boolean; indent?: boolean; after?: number } = {}) {
  return new Paragraph({
    children: [text(value, options)],
    spacing: { after: options.after ?? 120, line: 360 },
    // Two characters of first-line indent, as Chinese body text is set.
    indent: options.indent ? { firstLine: BODY_SIZE * 20 } : undefined,
  });
}

function cell(value: string, width: number, bold = false) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    children: value.split('\n').map((line) => new Paragraph({ children: [text(line, { bold })] })),
  });
}

/** The materials table's columns, as the .docx and the public page show them. */
export const LETTER_TABLE_HEADER = ['序号', '证明事项', '证明义务（设定依据）', '承诺内容', '核查时间与方式'];

/** The materials table's rows: every cell a text (lines split by \n). */
export function letterRows(letter: CommitmentLetter): string[][] {
  return letter.materials.map((m, i) => [
    String(i + 1),
    m.name,
    m.obligation,
    m.commitment,
    [`核查时间：${m.checkTime}`, `核查方式：${m.check}`, ...(m.source ? [`数据来源：${m.source}`] : [])].join(
      '\n',
    ),
  ]);
}

/** The letter's further notices, in order: 承诺方式, 配合核查, 法律责任, 申请人选择, 信用条件. */
export function letterNotices(letter: CommitmentLetter): Array<[string, string]> {
  return [
    ['承诺方式', letter.method],
    ['配合核查', letter.cooperation],
    ['不实承诺的法律责任', letter.liability],
    ['申请人的选择', letter.choice],
    ['适用条件', letter.creditCondition],
  ];
}
const PAGE = { width: 11906, height: 16838 }; // A4 in twips
const MARGIN = {
  top: Math.round(3 * CM),
  bottom: Math.round(2.8 * CM),
  left: Math.round(2.8 * CM),
  right: Math.round(2.6 * CM),
};
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
// In twips: LibreOffice ignores percentage widths of cells and would make every column equal.
const WIDTHS = [0.07, 0.16, 0.25, 0.26, 0.26].map((share) => Math.floor(TEXT_WIDTH * share));

function materialsTable(letter: CommitmentLetter): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: WIDTHS,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        children: LETTER_TABLE_HEADER.map((h, i) => cell(h, WIDTHS[i]!, true)),
      }),
      ...letterRows(letter).map(
        (row) => new TableRow({ cantSplit: true, children: row.map((value, i) => cell(value, WIDTHS[i]!)) }),
      ),
    ],
  });
}

function signatureBlock(lines: readonly string[]): Paragraph[] {
  return lines.map(
    (line) =>
      new Paragraph({
        alignment: AlignmentType.LEFT,
        indent: { left: 4200 },
        spacing: { after: 160 },
        children: [text(line)],
      }),
  );
}

/** The letter's header lines: which list, which version, which item. */
export function letterFacts(letter: CommitmentLetter): Array<[string, string]> {
  const facts: Array<[string, string]> = [
    ['事项名称', letter.item.name],
    ['实施部门', letter.department],
  ];
  if (letter.item.code) facts.push(['事项编码', letter.item.code]);
  return facts;
}

/** The line that ties a letter to its published version (shown in the footer and on the page). */
export function letterProvenance(letter: CommitmentLetter): string {
  const doc = letter.documentNumber ? `（${letter.documentNumber}）` : '';
  return `${letter.jurisdiction}《${letter.batchTitle}》${doc}第 ${letter.version} 版，${formatLocalDateTime(letter.publishedAt, letter.timeZone, { style: 'date' })} 公布`;
}

/** The letter as a Word document (.docx): A4, 宋体 12 pt, the materials in a bordered table. */
export async function renderLetterDocx(letter: CommitmentLetter): Promise<Uint8Array> {
  const document = new Document({
    title: `${letter.item.name}${letter.title}`,
    creator: 'jianzheng',
    description: letterProvenance(letter),
    styles: {
      default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } },
    },
    sections: [
      {
        properties: {
          page: { size: PAGE, margin: MARGIN },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ text: letterProvenance(letter), size: 18 })],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 360 },
            children: [new TextRun({ text: letter.title, font: TITLE_FONT, size: 36, bold: true })],
          }),
          ...letterFacts(letter).map(
            ([label, value]) =>
              new Paragraph({
                children: [text(`${label}：`, { bold: true }), text(value)],
                spacing: { after: 60 },
              }),
          ),
          paragraph('', { after: 60 }),
          paragraph(letter.preamble, { indent: true }),
          materialsTable(letter),
          paragraph('', { after: 60 }),
          ...letterNotices(letter).map(
            ([label, value]) =>
              new Paragraph({
                children: [text(`${label}：`, { bold: true }), text(value)],
                spacing: { after: 120, line: 360 },
                indent: { firstLine: BODY_SIZE * 20 },
              }),
          ),
          paragraph(letter.declaration, { indent: true }),
          paragraph('', { after: 240 }),
          ...signatureBlock(letter.signatures),
          paragraph('', { after: 240 }),
          ...signatureBlock(letter.officeSignatures),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
