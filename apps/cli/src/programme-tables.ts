import { formatRate, type ProgrammeFigures, stageLabel, UNIT_STATE_LABELS_ZH } from '@jianzheng/core';
import { type Column, formatCount, renderMarkdownTable, renderTable } from './table';

const rate2 = (n: number) => `${n.toFixed(2)}%`;

/** One sentence with the programme's totals, as the press release states them. */
export function programmeSentence(f: ProgrammeFigures): string {
  const t = f.totals;
  const published =
    t.publishedMaterials > 0
      ? `已公布批次申请材料 ${formatCount(t.publishedMaterials)} 项，取消 ${formatCount(t.cancelled)} 项，占比 ${formatRate(t.cancelled, t.publishedMaterials)}。`
      : '尚无已公布的批次。';
  return (
    `应报送单位 ${t.units} 个，已报送 ${t.submitted} 个；申请材料 ${formatCount(t.materials)} 项，` +
    `拟取消 ${formatCount(t.proposed)} 项，占比 ${formatRate(t.proposed, t.materials)}。${published}`
  );
}

/** The programme for people: totals, batches, rounds against their target, then every unit. */
export function renderProgramme(
  f: ProgrammeFigures,
  markdown: boolean,
  bold: (text: string) => string,
): string {
  const render = (columns: Column[], rows: string[][]) =>
    markdown ? renderMarkdownTable(columns, rows) : renderTable(columns, rows);
  const heading = (text: string) => (markdown ? `## ${text}` : bold(text));
  const lines: string[] = [markdown ? `# ${f.title}` : bold(f.title), '', programmeSentence(f), ''];

  lines.push(heading('按批次'));
  lines.push(
    render(
      [
        { header: '批次' },
        { header: '阶段' },
        { header: '单位', align: 'right' },
        { header: '已报送', align: 'right' },
        { header: '材料', align: 'right' },
        { header: '拟取消', align: 'right' },
        { header: '公布材料', align: 'right' },
        { header: '已取消', align: 'right' },
        { header: '取消率', align: 'right' },
      ],
      f.batches.map((b) => [
        b.title,
        stageLabel(b.stage),
        String(b.units),
        String(b.submitted),
        formatCount(b.materials),
        formatCount(b.proposed),
        b.published ? formatCount(b.published.materials) : '—',
        b.published ? formatCount(b.published.cancelled) : '—',
        b.published ? `${b.published.rate.toFixed(1)}%` : '—',
      ]),
    ),
  );

  if (f.rounds.length > 0) {
    lines.push('', heading('按轮次（累计减少对照目标）'));
    lines.push(
      render(
        [
          { header: '轮次' },
          { header: '基数', align: 'right' },
          { header: '基数日期' },
          { header: '本轮取消', align: 'right' },
          { header: '累计取消', align: 'right' },
          { header: '累计减少', align: 'right' },
          { header: '目标', align: 'right' },
          { header: '是否达标' },
        ],
        f.rounds.map((r) => [
          r.title,
          formatCount(r.baseline.materials),
          r.baseline.date,
          formatCount(r.cancelled),
          formatCount(r.cumulative),
          rate2(r.reductionRate),
          r.targetRate === null ? '—' : `${r.targetRate}%`,
          r.met === null
            ? '未设目标'
            : r.met
              ? '已达标'
              : `未达标（尚差 ${formatCount(r.remaining ?? 0)} 项）`,
        ]),
      ),
    );
  }

  const t = f.totals;
  lines.push('', heading('按单位'));
  lines.push(
    render(
      [
        { header: '单位' },
        { header: '状态' },
        { header: '批次' },
        { header: '阶段' },
        { header: '事项', align: 'right' },
        { header: '材料', align: 'right' },
        { header: '拟取消', align: 'right' },
        { header: '拟取消率', align: 'right' },
        { header: '已取消', align: 'right' },
      ],
      [
        ...f.units.map((u) => [
          u.name,
          UNIT_STATE_LABELS_ZH[u.state],
          u.batchTitle ?? '未分批',
          u.stage ? stageLabel(u.stage) : '—',
          formatCount(u.items),
          formatCount(u.materials),
          formatCount(u.proposed),
          `${u.proposedRate.toFixed(1)}%`,
          u.cancelled === null ? '—' : formatCount(u.cancelled),
        ]),
        [
          `合计（${t.units} 个单位）`,
          `已报送 ${t.submitted}`,
          '',
          '',
          formatCount(t.items),
          formatCount(t.materials),
          formatCount(t.proposed),
          `${t.proposedRate.toFixed(1)}%`,
          t.publishedMaterials > 0 ? formatCount(t.cancelled) : '—',
        ].map((cell) => (cell ? bold(cell) : cell)),
      ],
    ),
  );
  return lines.join('\n');
}
