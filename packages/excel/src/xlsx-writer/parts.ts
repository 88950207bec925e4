import { xmlText } from './xml';

// The fixed package parts of a workbook of plain worksheets with a shared strings table
// (shared-strings.ts) and one small style table.

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Indexes into `cellXfs` of STYLES_XML. */
export const STYLE = {
  default: 0,
  title: 1,
  subtitle: 2,
  header: 3,
  body: 4,
  bodyCentred: 5,
} as const;

/** The cell formats, in STYLE's order. */
const XFS = [
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>',
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>',
  '<xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>',
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="center" wrapText="1"/></xf>',
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>',
];

/**
 * The style of a text cell that a spreadsheet would otherwise take for a formula when it is
 * edited, re-saved or exported (text starting with = + - @, tab or CR): the same format with
 * `quotePrefix`, Excel's leading apostrophe. Every format has its quoted twin after the originals.
 */
export const quotedStyle = (style: number) => style + XFS.length;

const CELL_XFS = `<cellXfs count="${XFS.length * 2}">${XFS.join('')}${XFS.map((xf) =>
  xf.replace(/^<xf /, '<xf quotePrefix="1" '),
).join('')}</cellXfs>`;

export const STYLES_XML = `${HEAD}<styleSheet xmlns="${MAIN}">\
<fonts count="3">\
<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="16"/><name val="宋体"/><family val="3"/><charset val="134"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
</fonts>\
<fills count="3">\
<fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill>\
</fills>\
<borders count="2">\
<border><left/><right/><top/><bottom/><diagonal/></border>\
<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border>\
</borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
${CELL_XFS}<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>\
</styleSheet>`;

export function contentTypesXml(sheets: number): string {
  let overrides = '';
  for (let i = 1; i <= sheets; i++) {
    overrides += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
  }
  return `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
${overrides}\
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
</Types>`;
}

export const ROOT_RELS_XML = `${HEAD}<Relationships xmlns="${PKG_REL}">\
<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>\
</Relationships>`;

/** Core properties; `at` is an ISO timestamp (the publication's), so output is reproducible. */
export function coreXml(props: { creator: string; title: string; at: string }): string {
  const at = `${new Date(props.at).toISOString().slice(0, 19)}Z`;
  return `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
<dc:title>${xmlText(props.title)}</dc:title>\
<dc:creator>${xmlText(props.creator)}</dc:creator>\
<cp:lastModifiedBy>${xmlText(props.creator)}</cp:lastModifiedBy>\
<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created>\
<dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>\
</cp:coreProperties>`;
}

export function appXml(sheetNames: readonly string[]): string {
  const titles = sheetNames.map((n) => `<vt:lpstr>${xmlText(n)}</vt:lpstr>`).join('');
  return `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Application>jianzheng</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>\
<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>\
<vt:variant><vt:i4>${sheetNames.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>\
<TitlesOfParts><vt:vector size="${sheetNames.length}" baseType="lpstr">${titles}</vt:vector></TitlesOfParts>\
</Properties>`;
}

/** The workbook: its sheets in order, each with rows `printTitleRow` repeated on every page. */
export function workbookXml(sheetNames: readonly string[], printTitleRow: number): string {
  const sheets = sheetNames
    .map((n, i) => `<sheet name="${xmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  const names = sheetNames
    .map(
      (n, i) =>
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${xmlText(n.replace(/'/g, "''"))}'!$${printTitleRow}:$${printTitleRow}</definedName>`,
    )
    .join('');
  return `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}">\
<workbookPr defaultThemeVersion="124226"/>\
<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="0"/></bookViews>\
<sheets>${sheets}</sheets><definedNames>${names}</definedNames><calcPr calcId="171027"/></workbook>`;
}

export function workbookRelsXml(sheets: number): string {
  let rels = '';
  for (let i = 1; i <= sheets; i++) {
    rels += `<Relationship Id="rId${i}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`;
  }
  return `${HEAD}<Relationships xmlns="${PKG_REL}">${rels}\
<Relationship Id="rId${sheets + 1}" Type="${REL}/styles" Target="styles.xml"/>\
<Relationship Id="rId${sheets + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
}

export const WORKSHEET_OPEN = `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`;
