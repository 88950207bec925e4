import { formatLocalDate, formatRate, type PublishedMaterial } from '@jianzheng/core';
import type { DiffFactField, DiffMaterialRef, PublicationDiff } from './diff';

export interface RenderDiffOptions {
  /** Language of the notice; `zh-CN` (default) is the official one. */
  locale?: 'zh-CN' | 'en';
  /** IANA zone publication times are shown in (domain.md §9 `timeZone`; default Asia/Shanghai). */
  timeZone?: string;
}

const TEXT = {
  'zh-CN': {
    title: (t: string) => `# 动态调整说明：${escapeMarkdownText(t)}`,
    versions: (a: string, b: string) => `${a} → ${b}`,
    version: (v: number, at: string, sha: string) =>
      `第 ${v} 版（发布于 ${at}，sha256 \`${sha.slice(0, 12)}…\`）`,
    reason: '调整原因',
    totals: (v: number, m: number, c: number, r: string) =>
      `第 ${v} 版材料 ${m} 项，取消 ${c} 项（取消率 ${r}）`,
    kind: '变更',
    count: '数量',
    none: '两个版本的清单内容相同，无变更。',
    warning: (n: number, a: number, b: number) =>
      `> [!WARNING]\n> **边减边增：${n} 项已取消的材料在第 ${b} 版恢复保留**（第 ${a} 版中已取消）。恢复索要须逐项说明依据，并经合法性审查。`,
    sections: {
      restored: '⚠️ 恢复保留（边减边增）',
      postponed: '⚠️ 推迟取消（计划取消日期延后）',
      newlyCancelled: '新增取消',
      nowEffective: '计划取消已生效',
      recategorised: '调整取消类别',
      added: '新增材料',
      removed: '删除材料',
      changedFacts: '信息变更',
      unchanged: '未变更',
    },
    columns: {
      department: '实施部门',
      item: '事项',
      material: '材料',
      id: '材料编号',
      verdict: '结论',
      category: '取消类别',
      fromCategory: '原取消类别',
      toCategory: '新取消类别',
      fromDay: '原取消日期',
      toDay: '新取消日期',
      changes: '变更内容',
    },
    verdict: { retain: '保留', cancel: '取消' },
    fields: {
      name: '材料名称',
      source: '材料来源',
      issuer: '开具单位',
      legalBasis: '设定依据',
      replacement: '取消后获取方式',
    } satisfies Record<DiffFactField, string>,
    empty: '（空）',
    separator: '；',
    colon: '：',
    stop: '。',
  },
  en: {
    title: (t: string) => `# Adjustment notice: ${escapeMarkdownText(t)}`,
    versions: (a: string, b: string) => `${a} → ${b}`,
    version: (v: number, at: string, sha: string) =>
      `version ${v} (published ${at}, sha256 \`${sha.slice(0, 12)}…\`)`,
    reason: 'Reason',
    totals: (v: number, m: number, c: number, r: string) =>
      `version ${v}: ${m} materials, ${c} cancelled (cancellation rate ${r})`,
    kind: 'Change',
    count: 'Count',
    none: 'The two versions list the same content; nothing changed.',
    warning: (n: number, a: number, b: number) =>
      `> [!WARNING]\n> **Regression: ${n} material(s) cancelled in version ${a} are required again in version ${b}.** Each needs a stated legal basis and a legality review.`,
    sections: {
      restored: '⚠️ Restored (cancelled, now required again)',
      postponed: '⚠️ Postponed (planned cancellation pushed later)',
      newlyCancelled: 'Newly cancelled',
      nowEffective: 'Planned cancellation now in force',
      recategorised: 'Re-categorised',
      added: 'Added materials',
      removed: 'Removed materials',
      changedFacts: 'Changed facts',
      unchanged: 'Unchanged',
    },
    columns: {
      department: 'Department',
      item: 'Item',
      material: 'Material',
      id: 'Material id',
      verdict: 'Verdict',
      category: 'Category',
      fromCategory: 'Previous category',
      toCategory: 'New category',
      fromDay: 'Planned from (before)',
      toDay: 'Planned from (now)',
      changes: 'Changes',
    },
    verdict: { retain: 'retain', cancel: 'cancel' },
    fields: {
      name: 'name',
      source: 'source',
      issuer: 'issuer',
      legalBasis: 'legal basis',
      replacement: 'replacement',
    } satisfies Record<DiffFactField, string>,
    empty: '(none)',
    separator: '; ',
    colon: ': ',
    stop: '.',
  },
} as const;

/**
 * Text from workbooks and people, made inert in Markdown: HTML escaped, and the characters that
 * open links, images and autolinks (`[`, `]`, `<`) escaped, so a cell cannot become
 * a `javascript:` link, a script or an image in a renderer. Line breaks become spaces.
 */
export function escapeMarkdownText(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[[\]|]/g, (c) => `\\${c}`);
}

/** Table cells: no line breaks, no pipes, no HTML, no links (names come from department workbooks). */
const cell = escapeMarkdownText;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/**
 * The 动态调整说明 as Markdown: versions, reason, counts, then one table per kind of change.
 * Regressions (边减边增) come first, under a warning callout, because they need justification.
 */
export function renderDiffMarkdown(diff: PublicationDiff, options: RenderDiffOptions = {}): string {
  const t = TEXT[options.locale ?? 'zh-CN'];
  const zh = (options.locale ?? 'zh-CN') === 'zh-CN';
  const shown = (at: string) => formatLocalDate(at, options.timeZone, 'datetime');
  const category = (c: PublishedMaterial['category']) => (c === null ? t.empty : zh ? c.zh : c.en);
  const item = (ref: DiffMaterialRef) =>
    ref.item.code ? `${ref.item.name}（${ref.item.code}）` : ref.item.name;
  const where = (ref: DiffMaterialRef) => [ref.department, item(ref), ref.name];
  const c = t.columns;
  const base = [c.department, c.item, c.material];
  const totals = (side: PublicationDiff['from']) =>
    t.totals(side.version, side.materials, side.cancelled, formatRate(side.cancelled, side.materials));

  const out: string[] = [t.title(diff.title)];
  out.push(
    t.versions(
      t.version(diff.from.version, shown(diff.from.publishedAt), diff.from.sha256),
      t.version(diff.to.version, shown(diff.to.publishedAt), diff.to.sha256),
    ),
  );
  if (diff.adjustmentReason) out.push(`**${t.reason}${t.colon}** ${cell(diff.adjustmentReason)}`);
  out.push(`${totals(diff.from)}${t.separator}${totals(diff.to)}${t.stop}`);

  const { counts } = diff;
  const kinds = [
    'restored',
    'postponed',
    'newlyCancelled',
    'nowEffective',
    'recategorised',
    'added',
    'removed',
    'changedFacts',
  ] as const;
  out.push(
    table(
      [t.kind, t.count],
      [...kinds, 'unchanged' as const].map((kind) => {
        const label = t.sections[kind];
        const n = String(counts[kind]);
        const flagged = (kind === 'restored' || kind === 'postponed') && counts[kind] > 0;
        return flagged ? [`**${label}**`, `**${n}**`] : [label, n];
      }),
    ),
  );
  if (kinds.every((kind) => counts[kind] === 0)) {
    out.push(t.none);
    return `${out.join('\n\n')}\n`;
  }
  if (counts.restored > 0) out.push(t.warning(counts.restored, diff.from.version, diff.to.version));

  const section = (kind: (typeof kinds)[number], header: string[], rows: string[][]) => {
    if (rows.length > 0) out.push(`## ${t.sections[kind]}`, table(header, rows));
  };
  section(
    'restored',
    [...base, c.fromCategory, c.id],
    diff.restored.map((e) => [...where(e), category(e.from.category), e.id]),
  );
  const day = (d: string | null) => (d === null ? (zh ? '已生效' : 'in force') : d);
  section(
    'postponed',
    [...base, c.fromDay, c.toDay, c.id],
    diff.postponed.map((e) => [...where(e), day(e.from.effectiveFrom), day(e.to.effectiveFrom), e.id]),
  );
  section(
    'newlyCancelled',
    [...base, c.category, c.id],
    diff.newlyCancelled.map((e) => [...where(e), category(e.to.category), e.id]),
  );
  section(
    'nowEffective',
    [...base, c.fromDay, c.category, c.id],
    diff.nowEffective.map((e) => [...where(e), day(e.from.effectiveFrom), category(e.to.category), e.id]),
  );
  section(
    'recategorised',
    [...base, c.fromCategory, c.toCategory, c.id],
    diff.recategorised.map((e) => [...where(e), category(e.from.category), category(e.to.category), e.id]),
  );
  section(
    'added',
    [...base, c.verdict, c.category, c.id],
    diff.added.map((e) => [...where(e), t.verdict[e.verdict], category(e.category), e.id]),
  );
  section(
    'removed',
    [...base, c.verdict, c.category, c.id],
    diff.removed.map((e) => [...where(e), t.verdict[e.verdict], category(e.category), e.id]),
  );
  section(
    'changedFacts',
    [...base, c.changes, c.id],
    diff.changedFacts.map((e) => [
      ...where(e),
      e.changes
        .map((ch) => `${t.fields[ch.field]}${t.colon}${ch.from ?? t.empty} → ${ch.to ?? t.empty}`)
        .join(t.separator),
      e.id,
    ]),
  );
  return `${out.join('\n\n')}\n`;
}
