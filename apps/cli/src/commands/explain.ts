import type { CommandContext } from '../context';
import { printIssues } from '../context';
import { engineFor } from '../engine';
import { EXIT } from '../errors';
import { evaluateImported } from '../evaluation';
import { findMaterial } from '../find-material';
import { AGREEMENT_ZH, categoryLabel, PROPOSAL_ZH, ruleTitle, VERDICT_ZH } from '../labels';
import { renderTable } from '../table';
import { type ImportLimitOptions, importLimitsOf, loadWorkbooks } from '../workbooks';

export interface ExplainOptions extends ImportLimitOptions {
  material: string;
  item?: string;
  config?: string;
  format: 'text' | 'json';
}

/** `jianzheng explain`: every rule's answer for one material, with the facts it read. */
export async function explainCommand(
  ctx: CommandContext,
  files: string[],
  options: ExplainOptions,
): Promise<number> {
  const { engine } = await engineFor(options.config);
  const imported = await loadWorkbooks(files, ctx.io, ctx.err, importLimitsOf(options));
  printIssues(ctx, imported.issues);
  const evaluation = evaluateImported(imported, engine);
  const { materials, decisions } = evaluation;

  const index = findMaterial(materials, options.material, options.item);
  const material = materials[index]!;
  const decision = decisions[index]!;
  if (options.format === 'json') {
    ctx.io.stdout.write(`${JSON.stringify(evaluation.document.materials[index])}\n`);
    return imported.ok ? EXIT.ok : EXIT.failed;
  }

  const { out } = ctx;
  const verdict = VERDICT_ZH[decision.verdict];
  const lines: string[] = [];
  lines.push(`${out.bold('材料')}    ${material.name}`);
  lines.push(`${out.bold('编号')}    ${material.id}`);
  lines.push(
    `${out.bold('事项')}    ${material.item.department} · ${material.item.name}${material.item.code ? `（${material.item.code}）` : ''}`,
  );
  const facts: string[] = [];
  if (material.issuer) facts.push(`开具单位 ${material.issuer}`);
  facts.push(`设定依据 ${material.legalBasis ?? '（未填）'}`);
  lines.push(`${out.bold('事实')}    ${facts.join('；')}`);
  lines.push(
    `${out.bold('结论')}    ${decision.verdict === 'cancel' ? out.red(verdict) : out.green(verdict)}` +
      (decision.category
        ? ` — ${categoryLabel(engine, decision.category)}（规则 ${decision.ruleId}：${ruleTitle(engine, decision.ruleId)}）`
        : ''),
  );
  lines.push(`${out.bold('理由')}    ${decision.reason}`);
  if (decision.replacement) lines.push(`${out.bold('替代')}    ${decision.replacement}`);
  lines.push(
    `${out.bold('部门意见')} ${PROPOSAL_ZH[material.departmentProposal] ?? material.departmentProposal}` +
      `（${AGREEMENT_ZH[decision.agreement] ?? decision.agreement}）`,
  );
  lines.push('');
  lines.push(out.bold('逐条规则（按评估顺序，第一条取消的规则决定结论）'));
  const rows = decision.trace.map((entry, i) => {
    const decided = entry.ruleId === decision.ruleId;
    const mark = entry.matched ? (decided ? out.red('✔ 取消') : out.yellow('✔ 适用')) : out.dim('✘ 不适用');
    const facts = Object.entries(entry.facts)
      .map(([key, value]) => `${key}=${value === null ? '—' : String(value)}`)
      .join(' ');
    return [String(i + 1), entry.ruleId, ruleTitle(engine, entry.ruleId), mark, entry.reason, out.dim(facts)];
  });
  lines.push(
    renderTable(
      [
        { header: '#', align: 'right' },
        { header: '规则' },
        { header: '原则' },
        { header: '结果' },
        { header: '说明' },
        { header: '读取的事实' },
      ],
      rows,
    ),
  );
  ctx.io.stdout.write(`${lines.join('\n')}\n`);
  return imported.ok ? EXIT.ok : EXIT.failed;
}
