import {
  type Decision,
  type Engine,
  type LegalBasis,
  type Material,
  type Summary,
  summarize,
  type TraceEntry,
} from '@jianzheng/core';
import type { ImportBatchResult, ImportIssue } from '@jianzheng/excel';

/** One material as `evaluate --format json` prints it (field names fixed by the CLI contract). */
export interface EvaluatedMaterial {
  id: string;
  department: string;
  itemCode: string | null;
  itemName: string;
  name: string;
  verdict: Decision['verdict'];
  category: string | null;
  ruleId: string | null;
  replacement: string | null;
  agreement: Decision['agreement'];
  /** `refer-to-issuer`, `needs-legal-review` (domain.md §14); empty when none. */
  flags: string[];
  /** The 设定依据's legal level and instrument as the engine assessed it; null when it did not. */
  legalBasis: LegalBasis | null;
  trace: TraceEntry[];
}

export interface EvaluationSummary {
  departments: number;
  items: number;
  materials: number;
  cancelled: number;
  retained: number;
  cancellationRate: number;
  byCategory: Record<string, number>;
  byDepartment: Summary['byDepartment'];
  agreement: Summary['agreement'];
}

export interface EvaluationIssue {
  severity: ImportIssue['severity'];
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  message: string;
}

/** The document `jianzheng evaluate --format json` prints: exactly these keys. */
export interface EvaluationDocument {
  summary: EvaluationSummary;
  materials: EvaluatedMaterial[];
  issues: EvaluationIssue[];
}

/** What the commands share after importing and evaluating: the raw parts and the document. */
export interface Evaluation {
  imported: ImportBatchResult;
  materials: Material[];
  decisions: Decision[];
  summary: Summary;
  document: EvaluationDocument;
}

/** The summary block of the evaluation document. */
export function documentSummary(summary: Summary): EvaluationSummary {
  return {
    departments: summary.departments,
    items: summary.items,
    materials: summary.materials,
    cancelled: summary.cancelled,
    retained: summary.retained,
    cancellationRate: summary.cancellationRate,
    byCategory: summary.byCategory,
    byDepartment: summary.byDepartment,
    agreement: summary.agreement,
  };
}

/** One material of the evaluation document. */
export function evaluatedMaterial(material: Material, decision: Decision): EvaluatedMaterial {
  return {
    id: material.id,
    department: material.item.department,
    itemCode: material.item.code ?? null,
    itemName: material.item.name,
    name: material.name,
    verdict: decision.verdict,
    category: decision.category,
    ruleId: decision.ruleId,
    replacement: decision.replacement,
    agreement: decision.agreement,
    flags: decision.flags ?? [],
    legalBasis: decision.legalBasis ?? null,
    trace: decision.trace,
  };
}

/** One issue of the evaluation document. */
export function evaluationIssue({
  severity,
  file,
  sheet,
  row,
  column,
  message,
}: ImportIssue): EvaluationIssue {
  return { severity, file, sheet, row, column, message };
}

/** Runs the engine over the imported materials and assembles the statistics (core's `summarize`). */
export function evaluateImported(imported: ImportBatchResult, engine: Engine, asOf?: string): Evaluation {
  const materials = imported.materials;
  const decisions = engine.evaluate(materials);
  const summary = summarize(materials, decisions, { categories: [...engine.categories.keys()], asOf });
  const document: EvaluationDocument = {
    summary: documentSummary(summary),
    materials: materials.map((material, i) => evaluatedMaterial(material, decisions[i]!)),
    issues: imported.issues.map(evaluationIssue),
  };
  return { imported, materials, decisions, summary, document };
}
