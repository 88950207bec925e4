import { LEGAL_LEVEL_LABELS, type LegalTally } from '@jianzheng/core';
import { type Column, formatCount } from '../table';

type Render = (columns: Column[], rows: string[][]) => string;

/** “按设定依据层级”: materials, kept and cancelled per legal level (domain.md §14), levels present only. */
export function legalLevelTable(tally: LegalTally, bold: (text: string) => string): [Column[], string[][]] {
  const columns: Column[] = [
    { header: '设定依据层级' },
    { header: '材料', align: 'right' },
    { header: '保留', align: 'right' },
    { header: '取消', align: 'right' },
  ];
  const rows = Object.entries(tally.byLegalLevel)
    .filter(([, count]) => count.materials > 0)
    .map(([level, count]) => [
      level === 'unassessed' ? '未评估' : LEGAL_LEVEL_LABELS[level as keyof typeof LEGAL_LEVEL_LABELS].zh,
      formatCount(count.materials),
      formatCount(count.retained),
      formatCount(count.cancelled),
    ]);
  const flagged = [
    ['保留·建议制定机关取消', tally.referrals.reduce((n, r) => n + r.materials.length, 0)],
    ['保留·待合法性审查认定', tally.needsLegalReview],
  ] as const;
  for (const [label, n] of flagged)
    if (n > 0) rows.push([label, formatCount(n), formatCount(n), '0'].map(bold));
  return [columns, rows];
}

/**
 * 建议上级取消: per issuer, the retained materials whose only basis is that issuer's rule or
 * document — which cannot set a 证明 (国办发〔2018〕47号) — with the instrument and article.
 */
export function referralReport(
  tally: LegalTally,
  render: Render,
  heading: (text: string) => string,
): string[] {
  const lines: string[] = [];
  const total = tally.referrals.reduce((n, r) => n + r.materials.length, 0);
  lines.push(
    total === 0
      ? '没有需要建议制定机关取消的证明材料。'
      : `${tally.referrals.length} 个制定机关，${formatCount(total)} 项材料：设定依据为部门规章、上级地方政府规章或规范性文件，不能设定证明事项，建议制定机关取消。`,
  );
  for (const { issuer, materials } of tally.referrals) {
    lines.push('');
    lines.push(heading(`${issuer}（${formatCount(materials.length)} 项）`));
    lines.push(
      render(
        [
          { header: '部门' },
          { header: '事项' },
          { header: '材料' },
          { header: '设定依据' },
          { header: '条款' },
          { header: '层级' },
        ],
        materials.map((m) => [
          m.department,
          m.itemName,
          m.material,
          [m.instrument ? `《${m.instrument}》` : '', m.documentNumber ?? ''].join(''),
          m.article ?? '',
          LEGAL_LEVEL_LABELS[m.level].zh,
        ]),
      ),
    );
  }
  return lines;
}
