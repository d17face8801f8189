/**
 * Points as the scorecard's arithmetic writes them (`43.91`, `15`, `3.13`): at most two decimals
 * with a point, in either language, so a figure reads the same in a line's total and in its
 * arithmetic (`6.25 × 2.125 = 13.28`) and in the exported workbook.
 */
export function formatPoints(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return String(Math.round(value * 100) / 100);
}

/** 0.5 → "50%". */
export function formatShare(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${Math.round(value * 1000) / 10}%`;
}
