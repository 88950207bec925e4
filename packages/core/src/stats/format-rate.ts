/**
 * Cancellation rate as a percentage with one decimal, rounded half up (domain.md §7):
 * `cancellationRate(1290, 4363) === 29.6`. Zero materials give 0.
 */
export function cancellationRate(cancelled: number, materials: number): number {
  if (materials <= 0) return 0;
  return Math.round((cancelled * 1000) / materials) / 10;
}

/** The rate as people read it: `29.6%`. */
export function formatRate(cancelled: number, materials: number): string {
  return `${cancellationRate(cancelled, materials).toFixed(1)}%`;
}
