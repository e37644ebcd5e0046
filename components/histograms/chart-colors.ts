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
