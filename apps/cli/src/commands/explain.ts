import { resolve } from 'node:path';
import { cleanText, type Decision, type Engine, type Material, normalizeName } from '@jianzheng/core';
import type { CommandContext } from '../context';
import { printIssues } from '../context';
import { engineFor } from '../engine';
import { EXIT } from '../errors';
import { streamEvaluate } from '../evaluate-stream';
import { evaluatedMaterial, evaluateImported } from '../evaluation';
import { findMaterial } from '../find-material';
import { AGREEMENT_ZH, categoryLabel, PROPOSAL_ZH, ruleTitle, VERDICT_ZH } from '../labels';
import { renderTable } from '../table';
import {
  type ImportLimitOptions,
  importLimitsOf,
  importProgress,
  loadWorkbooks,
  requireInputFiles,
} from '../workbooks';

/** More candidates than this (a query matching most names): the batch is imported whole. */
const MAX_CANDIDATES = 10_000;

export interface ExplainOptions extends ImportLimitOptions {
  material: string;
  item?: string;
  config?: string;
  format: 'text' | 'json';
  verbose?: boolean;
}

/** `jianzheng explain`: every rule's answer for one material, with the facts it read. */
export async function explainCommand(
  ctx: CommandContext,
  files: string[],
  options: ExplainOptions,
): Promise<number> {
  const { engine } = await engineFor(options.config);
  const found = (await candidates(ctx, files, options, engine)) ?? (await whole(ctx, files, options, engine));
  const { materials, decisions, ok } = found;

  const index = findMaterial(materials, options.material, options.item);
  const material = materials[index]!;
  const decision = decisions[index]!;
  if (options.format === 'json') {
    ctx.io.stdout.write(`${JSON.stringify(evaluatedMaterial(material, decision))}\n`);
    return ok ? EXIT.ok : EXIT.failed;
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
  const decidingRule = engine.rules.find((r) => r.id === decision.ruleId);
  if (decidingRule?.principleText) lines.push(`${out.bold('原则')}    ${decidingRule.principleText.zh}`);
  if (decidingRule?.explanation) lines.push(`${out.bold('说明')}    ${decidingRule.explanation.zh}`);
  lines.push(`${out.bold('理由')}    ${decision.reason}（内部 internal）`);
  if (decision.publicReason) lines.push(`${out.bold('公开依据')} ${decision.publicReason}`);
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
  return ok ? EXIT.ok : EXIT.failed;
}

interface Found {
  materials: Material[];
  decisions: Decision[];
  ok: boolean;
}

/**
 * Streams the workbooks and keeps only the materials the query could name (its id, or a name
 * containing the normalized query — every tier findMaterial tries), so memory stays that of one
 * item whatever the files' size. `undefined` when only the whole batch answers: an item in two
 * files (numbered as one) or a query matching too many materials.
 */
async function candidates(
  ctx: CommandContext,
  files: string[],
  options: ExplainOptions,
  engine: Engine,
): Promise<Found | undefined> {
  await requireInputFiles(files, ctx.io.cwd);
  const list = files.map((path) => ({ path: resolve(ctx.io.cwd, path), fileName: path }));
  const wanted = options.material.trim();
  const wantedClean = cleanText(wanted);
  const wantedNorm = normalizeName(wanted);
  // findMaterial's error messages list names sharing the query's first characters and the
  // materials of the item asked for: those are kept too, so every answer is the same as whole.
  const stem = wantedNorm.slice(0, 2);
  const itemQuery = options.item?.trim();
  const itemNorm = itemQuery === undefined ? '' : normalizeName(itemQuery);
  const inItem = (m: Material) =>
    itemQuery !== undefined &&
    (m.item.code === itemQuery ||
      cleanText(m.item.name) === cleanText(itemQuery) ||
      normalizeName(m.item.name) === itemNorm ||
      (itemNorm.length > 0 && normalizeName(m.item.name).includes(itemNorm)));
  const kept: Array<{ material: Material; decision: Decision; file: number }> = [];
  let overflow = false;
  const progress = importProgress(ctx.io, ctx.err, list.length);
  let pass: Awaited<ReturnType<typeof streamEvaluate>>;
  try {
    pass = await streamEvaluate(
      list,
      engine,
      { limits: importLimitsOf(options), progress, findSpans: true },
      (materials, decisions, file) => {
        for (let i = 0; i < materials.length && !overflow; i++) {
          const m = materials[i]!;
          const name = m.name;
          const norm = normalizeName(name);
          if (
            m.id === wanted ||
            cleanText(name) === wantedClean ||
            norm === wantedNorm ||
            (wantedNorm.length > 0 && norm.includes(wantedNorm)) ||
            (stem.length > 0 && norm.includes(stem)) ||
            inItem(m)
          ) {
            kept.push({ material: m, decision: decisions[i]!, file });
            overflow = kept.length > MAX_CANDIDATES;
          }
        }
      },
    );
  } finally {
    progress.done();
  }
  if (overflow || pass.spansFiles !== undefined) return undefined;
  printIssues(ctx, pass.issues, options.verbose);
  const good = kept.filter((k) => pass.ok[k.file]);
  return {
    materials: good.map((k) => k.material),
    decisions: good.map((k) => k.decision),
    ok: pass.ok.every(Boolean),
  };
}

async function whole(
  ctx: CommandContext,
  files: string[],
  options: ExplainOptions,
  engine: Engine,
): Promise<Found> {
  const imported = await loadWorkbooks(files, ctx.io, ctx.err, importLimitsOf(options));
  printIssues(ctx, imported.issues, options.verbose);
  const { materials, decisions } = evaluateImported(imported, engine);
  return { materials, decisions, ok: imported.ok };
}
