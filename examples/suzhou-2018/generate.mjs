#!/usr/bin/env node
// Writes the eleven department workbooks of 宿州's first batch (2018) — the bundled demo input.
//
//   node examples/suzhou-2018/generate.mjs [--out <dir>] [--seed <n>]
//
// The workbooks carry FACTS only (names, issuers, 设定依据, the yes/no columns a department
// filled in, its own 清理意见). Which materials are cancelled, and why, is decided by the rule
// engine when the workbooks are evaluated; this script never writes a verdict or a category.
// Each department uses a different real-world layout (domain.md §8). Seeded: the same seed
// always gives the same cell contents.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { buildDataset, buildProgrammeRest } from './cells.mjs';
import { DEFAULT_SEED, prng } from './dataset.mjs';
import { INSTRUCTIONS, LAYOUTS, TWO_ROW_HEADER } from './layouts.mjs';
import { programmeFile } from './programme.mjs';

export { buildDataset, DEFAULT_SEED };

const HERE = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------
// Layouts (domain.md §8). Each department writes its list the way its office does.

const YES_NO = {
  plain: { yes: '是', no: '否' },
  can: { yes: '能', no: '不能' },
  may: { yes: '可以', no: '不可以' },
  needed: { yes: '必要', no: '非必要' },
  tick: { yes: '√', no: '×' },
  letter: { yes: 'Y', no: 'N' },
};

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';
const fullWidth = (n) =>
  String(n)
    .split('')
    .map((d) => FULL_WIDTH_DIGITS[Number(d)])
    .join('');
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const CHINESE_NUMBERS = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
  '十六',
  '十七',
  '十八',
];

/** The material name as the department typed it: list numbers and 原件/复印件 forms around the name. */
function displayName(m, position, style, rng) {
  let name = m.name;
  if (m.kind === 'form') name = rng.chance(0.5) ? `《${name}》` : name;
  const form = m.form ?? '';
  const formText = form === '原件' ? rng.pick(['（原件）', '原件']) : form;
  const number =
    style === 'dot'
      ? `${position}.`
      : style === 'comma'
        ? `${position}、`
        : style === 'full'
          ? `${fullWidth(position)}．`
          : style === 'circled'
            ? (CIRCLED[position - 1] ?? `${position}、`)
            : style === 'paren'
              ? `（${CHINESE_NUMBERS[position - 1] ?? position}）`
              : '';
  return { number, name, form: formText };
}

const THIN = { style: 'thin', color: { argb: 'FF999999' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function addInstructions(workbook) {
  const sheet = workbook.addWorksheet('填表说明');
  sheet.getColumn(1).width = 90;
  INSTRUCTIONS.forEach((line, i) => {
    const cell = sheet.getCell(i + 1, 1);
    cell.value = line;
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
}

function cellValue(field, m, item, dept, layout, ctx) {
  switch (field) {
    case 'serial':
      return ctx.serial;
    case 'department':
      return dept.name;
    case 'itemCode':
      return layout.numericCode ? Number(item.code) : item.code;
    case 'itemName':
      return item.name;
    case 'itemType':
      return item.type;
    case 'name': {
      const { number, name, form } = ctx.display;
      if (layout.richText && (form || number) && ctx.rng.chance(0.5)) {
        return {
          richText: [
            ...(number ? [{ text: number }] : []),
            { text: name, font: { bold: true } },
            ...(form ? [{ text: form, font: { color: { argb: 'FF666666' } } }] : []),
          ],
        };
      }
      const joiner = layout.richText && form && ctx.rng.chance(0.4) ? '\n' : '';
      return `${number}${name}${joiner}${form}`;
    }
    case 'source':
      return m.source === '申请人自备' && ctx.rng.chance(0.3) ? '申请人提供' : m.source;
    case 'issuer':
      return m.issuer;
    case 'legalBasis':
      return layout.richText && m.legalBasis.includes('第') && ctx.rng.chance(0.3)
        ? m.legalBasis.replace('第', '\n第')
        : m.legalBasis;
    case 'necessary':
    case 'shareable':
    case 'internalQuery':
    case 'commitment': {
      const value = m[field];
      if (!value) return '';
      return YES_NO[layout.yesNo[field] ?? 'plain'][value];
    }
    case 'superior':
      return m.superior;
    case 'proposal':
      return m.proposal;
    case 'method':
      return m.method;
    case 'notes':
      return m.notes;
    default:
      return '';
  }
}

const ITEM_FIELDS = new Set(['serial', 'itemCode', 'itemName', 'itemType']);

function writeTable(sheet, dept, items, layout, rng) {
  const columns = layout.twoRow ? TWO_ROW_HEADER.map(([, f, h, w]) => [f, h, w]) : layout.columns;
  const width = columns.length;
  let row = 1;
  if (layout.title) {
    sheet.mergeCells(row, 1, row, width);
    const cell = sheet.getCell(row, 1);
    cell.value = layout.title(dept, ctxSheetName(sheet));
    cell.font = { bold: true, size: 16 };
    cell.alignment = { horizontal: 'center' };
    row++;
  }
  if (layout.fillLine) {
    sheet.mergeCells(row, 1, row, width);
    sheet.getCell(row, 1).value = layout.fillLine(dept);
    row++;
  }
  columns.forEach(([, , w], i) => {
    sheet.getColumn(i + 1).width = w;
  });
  if (layout.twoRow) {
    const groups = new Map();
    TWO_ROW_HEADER.forEach(([group, , header], i) => {
      if (group) {
        const span = groups.get(group) ?? { from: i + 1, to: i + 1 };
        span.to = i + 1;
        groups.set(group, span);
        sheet.getCell(row + 1, i + 1).value = header;
      } else {
        sheet.mergeCells(row, i + 1, row + 1, i + 1);
        sheet.getCell(row, i + 1).value = header;
      }
    });
    for (const [group, { from, to }] of groups) {
      sheet.mergeCells(row, from, row, to);
      sheet.getCell(row, from).value = group;
    }
    for (const r of [row, row + 1]) styleHeader(sheet.getRow(r), width);
    row += 2;
  } else {
    columns.forEach(([, header], i) => {
      sheet.getCell(row, i + 1).value = header;
    });
    styleHeader(sheet.getRow(row), width);
    row++;
  }
  const headerRows = row - 1;
  const fieldIndex = new Map(columns.map(([field], i) => [field, i + 1]));

  let serial = 0;
  items.forEach((item, itemIndex) => {
    const first = row;
    item.materials.forEach((m, position) => {
      serial = layout.serialPerMaterial ? serial + 1 : itemIndex + 1;
      const display = displayName(m, position + 1, layout.numbering, rng);
      const ctx = { serial, display, rng };
      const continuation = position > 0;
      columns.forEach(([field], i) => {
        if (
          continuation &&
          layout.items !== 'repeat' &&
          (ITEM_FIELDS.has(field) || (field === 'department' && layout.mergeDepartment))
        ) {
          return; // blank continuation cell, or part of a merge below
        }
        let value = cellValue(field, m, item, dept, layout, ctx);
        if (field === 'serial' && layout.formulaSerial) {
          value = { formula: `ROW()-${headerRows}`, result: row - headerRows };
        }
        if (value === '' || value === undefined) return;
        sheet.getCell(row, i + 1).value = value;
      });
      const r = sheet.getRow(row);
      for (let c = 1; c <= width; c++) {
        const cell = r.getCell(c);
        cell.border = BORDER;
        cell.alignment = { vertical: 'middle', wrapText: true };
      }
      row++;
    });
    if (layout.items === 'merge' && row - 1 > first) {
      for (const field of [...ITEM_FIELDS, ...(layout.mergeDepartment ? ['department'] : [])]) {
        const col = fieldIndex.get(field);
        if (col) sheet.mergeCells(first, col, row - 1, col);
      }
    }
    if (layout.blankRowBetweenItems && itemIndex < items.length - 1) row++;
  });
  if (layout.footers.length) row++;
  for (const line of layout.footers) {
    sheet.mergeCells(row, 1, row, width);
    sheet.getCell(row, 1).value = line;
    row++;
  }
  sheet.views = [{ state: 'frozen', ySplit: headerRows }];
}

function ctxSheetName(sheet) {
  return sheet.name;
}

function styleHeader(row, width) {
  for (let c = 1; c <= width; c++) {
    const cell = row.getCell(c);
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  }
}

const FIXED_DATE = new Date(Date.UTC(2018, 5, 30, 8, 0, 0));

export async function writeDepartmentWorkbook(dept, outDir, seed = DEFAULT_SEED) {
  const layout = LAYOUTS[dept.layout];
  const rng = prng(seed ^ 0x5a17 ^ dept.name.length);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = dept.name;
  workbook.lastModifiedBy = dept.name;
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  if (layout.instructions) addInstructions(workbook);
  if (dept.sheets) {
    for (const spec of dept.sheets) {
      const sheet = workbook.addWorksheet(spec.name);
      writeTable(
        sheet,
        dept,
        dept.items.filter((item) => item.sheet === spec.name),
        layout,
        rng,
      );
    }
  } else {
    const sheet = workbook.addWorksheet(layout.sheetName ? layout.sheetName(dept) : '申请材料');
    writeTable(sheet, dept, dept.items, layout, rng);
  }
  const path = join(outDir, dept.file);
  await workbook.xlsx.writeFile(path);
  return path;
}

export async function generate({ outDir = HERE, seed = DEFAULT_SEED } = {}) {
  mkdirSync(outDir, { recursive: true });
  const files = [];
  for (const dept of buildDataset(seed)) files.push(await writeDepartmentWorkbook(dept, outDir, seed));
  // The programme's other 52 units, and the programme file naming all 63 (domain.md §16).
  const rest = join(outDir, 'programme');
  mkdirSync(rest, { recursive: true });
  for (const dept of buildProgrammeRest(seed)) files.push(await writeDepartmentWorkbook(dept, rest, seed));
  const programme = join(outDir, 'programme.json');
  writeFileSync(programme, `${JSON.stringify(programmeFile(), null, 2)}\n`);
  files.push(programme);
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const outDir = resolve(option('--out') ?? HERE);
  const seed = option('--seed') ? Number(option('--seed')) : DEFAULT_SEED;
  const files = await generate({ outDir, seed });
  for (const file of files) console.log(file);
}
