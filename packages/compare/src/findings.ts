import type { ComparedJurisdiction, ComparisonFinding, ComparisonPrecedent, ComparisonRow } from './types';

/**
 * Every (jurisdiction, row) where the jurisdiction demands the material and at least `k` others
 * cancelled it. Most precedents first (the strongest case for a city to follow its neighbours),
 * then row order, then column order.
 */
export function collectFindings(
  jurisdictions: readonly ComparedJurisdiction[],
  rows: readonly ComparisonRow[],
  k: number,
): ComparisonFinding[] {
  const findings: ComparisonFinding[] = [];
  rows.forEach((row, index) => {
    if (row.cancelled < k || row.demanded === 0) return;
    const precedents: ComparisonPrecedent[] = [];
    row.cells.forEach((cell, column) => {
      if (cell.state !== 'cancelled') return;
      const jurisdiction = jurisdictions[column]!;
      precedents.push({
        jurisdiction: { code: jurisdiction.code, name: jurisdiction.name },
        department: cell.department,
        category: cell.category,
        replacement: cell.replacement,
        batch: jurisdiction.batches[cell.batch ?? 0]!,
      });
    });
    row.cells.forEach((cell, column) => {
      if (cell.state !== 'demanded') return;
      const { code, name } = jurisdictions[column]!;
      findings.push({
        jurisdiction: { code, name },
        department: cell.department,
        item: row.item,
        material: row.material,
        row: index,
        precedents,
      });
    });
  });
  // Array.prototype.sort is stable: equal counts keep row and column order.
  return findings.sort((a, b) => b.precedents.length - a.precedents.length);
}
