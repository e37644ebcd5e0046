/**
 * How each timeline series is drawn. Overlapping lines must stay apart without color (color-blind
 * readers, grey printouts), so every series also gets its own dash pattern and point marker:
 * four dashes and five markers give twenty distinct pairs, more than the eleven series a timeline
 * has (ten groups and "(other)"). The colors are mid tones with at least 3:1 contrast against both
 * the light and the dark page background (WCAG's minimum for graphics), which the Tailwind 500
 * tones of the histograms' palette do not all reach on white.
 */
export const SERIES_COLORS = [
  '#e11d48',
  '#0284c7',
  '#16a34a',
  '#9333ea',
  '#d97706',
  '#0d9488',
  '#6366f1',
  '#db2777',
  '#65a30d',
  '#64748b',
  '#ea580c',
] as const;

/** Stroke dash arrays; the first (slowest) series is solid. */
export const SERIES_DASHES = ['', '6 3', '2 3', '10 3 2 3'] as const;

export const SERIES_MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross'] as const;
export type SeriesMarker = (typeof SERIES_MARKERS)[number];

export type SeriesStyle = { color: string; dash: string; marker: SeriesMarker };

/** The style of the series at this legend position. */
export function seriesStyle(index: number): SeriesStyle {
  return {
    color: SERIES_COLORS[index % SERIES_COLORS.length]!,
    dash: SERIES_DASHES[index % SERIES_DASHES.length]!,
    marker: SERIES_MARKERS[index % SERIES_MARKERS.length]!,
  };
}

/** An SVG path of a marker centred on (cx, cy) with radius r. */
export function markerPath(marker: SeriesMarker, cx: number, cy: number, r: number): string {
  switch (marker) {
    case 'circle':
      return `M${cx - r},${cy}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
    case 'square':
      return `M${cx - r},${cy - r}h${2 * r}v${2 * r}h${-2 * r}Z`;
    case 'triangle':
      return `M${cx},${cy - r * 1.2}L${cx + r * 1.1},${cy + r * 0.8}L${cx - r * 1.1},${cy + r * 0.8}Z`;
    case 'diamond':
      return `M${cx},${cy - r * 1.3}L${cx + r * 1.3},${cy}L${cx},${cy + r * 1.3}L${cx - r * 1.3},${cy}Z`;
    case 'cross':
      return `M${cx - r},${cy - r}L${cx + r},${cy + r}M${cx - r},${cy + r}L${cx + r},${cy - r}`;
  }
}
