/**
 * Chart colors. SVG presentation attributes do not resolve CSS variables everywhere, so these are
 * mid-tone colors chosen to read on both the light and the dark background.
 */
export const CHART_COLORS = {
  bar: '#0ea5e9',
  selected: '#f59e0b',
  outOfRange: '#94a3b8',
  percentile: '#e11d48',
  focus: '#f59e0b',
  reference: '#e11d48',
} as const;

/** Distinct series colors for connect-time timelines, in legend order. */
export const SERIES_COLORS = [
  '#e11d48',
  '#0ea5e9',
  '#22c55e',
  '#a855f7',
  '#f59e0b',
  '#14b8a6',
  '#6366f1',
  '#ec4899',
  '#84cc16',
  '#64748b',
  '#f97316',
] as const;
