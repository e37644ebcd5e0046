import type { Histogram } from '@/lib/domain/histogram';
import { countWords, msWords } from '@/lib/domain/triage/wording';
import { PLAIN_STYLE, type TextStyle } from './text-style';

/**
 * A histogram as text: one row per bucket [fromMs, toMs) with its exact count and a bar scaled
 * to the largest row. Runs of two or more empty buckets share one row, so a 35-bucket histogram
 * whose tail is empty stays short; every value is still on exactly one row, so the rows add up
 * to the total.
 */

export type HistogramRow = { label: string; count: number };

/** Partial blocks for the last cell of a bar, in eighths of a cell. */
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;
const FULL_BLOCK = '█';
/** Indent, the " │" after the label, and the space before the count. */
const ROW_DECORATION = 2 + 2 + 1;
/** Bars narrower than this say little; the line then grows past the requested width. */
const MIN_BAR_WIDTH = 10;

const ms = (value: number) => countWords(value);

/** Rows in value order: underflow and overflow when not empty, empty-bucket runs merged. */
export function toHistogramRows(histogram: Histogram): HistogramRow[] {
  const rows: HistogramRow[] = [];
  if (histogram.underflow > 0) rows.push({ label: '< 0', count: histogram.underflow });
  const { buckets } = histogram;
  for (let index = 0; index < buckets.length; index += 1) {
    const bucket = buckets[index]!;
    let last = index;
    if (bucket.count === 0) while (last + 1 < buckets.length && buckets[last + 1]!.count === 0) last += 1;
    rows.push({ label: `${ms(bucket.fromMs)}–${ms(buckets[last]!.toMs)}`, count: bucket.count });
    index = last;
  }
  if (histogram.overflow > 0) rows.push({ label: `≥ ${ms(histogram.upperMs)}`, count: histogram.overflow });
  return rows;
}

/** A bar of `count / maxCount` of `width` cells in eighths; any non-zero count shows at least an eighth. */
export function formatBar(count: number, maxCount: number, width: number): string {
  if (count <= 0 || maxCount <= 0) return '';
  const eighths = Math.max(1, Math.round((count / maxCount) * width * 8));
  return FULL_BLOCK.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/** "p50 48 ms · p90 1,043 ms · p99 1,122 ms"; "–" for an empty histogram. */
export function formatPercentiles(histogram: Pick<Histogram, 'p50Ms' | 'p90Ms' | 'p99Ms'>): string {
  return `p50 ${msWords(histogram.p50Ms)} · p90 ${msWords(histogram.p90Ms)} · p99 ${msWords(histogram.p99Ms)}`;
}

export type HistogramLayout = {
  /** Total line width the rows fit in. */
  width: number;
  /** Shared column widths, so several histograms line up; each histogram's own when absent. */
  labelWidth?: number;
  countWidth?: number;
  style?: TextStyle;
};

/** Label and count column widths wide enough for every row of these histograms. */
export function toColumnWidths(histograms: readonly Histogram[]): { labelWidth: number; countWidth: number } {
  const rows = histograms.flatMap(toHistogramRows);
  return {
    labelWidth: Math.max(0, ...rows.map((row) => row.label.length)),
    countWidth: Math.max(1, ...rows.map((row) => countWords(row.count).length)),
  };
}

/** Title, percentiles and one line per row, each at most `layout.width` columns. */
export function formatHistogram(title: string, histogram: Histogram, layout: HistogramLayout): string[] {
  const style = layout.style ?? PLAIN_STYLE;
  const rows = toHistogramRows(histogram);
  const own = toColumnWidths([histogram]);
  const labelWidth = layout.labelWidth ?? own.labelWidth;
  const countWidth = layout.countWidth ?? own.countWidth;
  const barWidth = Math.max(MIN_BAR_WIDTH, layout.width - ROW_DECORATION - labelWidth - countWidth);
  const maxCount = Math.max(0, ...rows.map((row) => row.count));
  const lines = rows.map((row) => {
    const bar = formatBar(row.count, maxCount, barWidth);
    const padding = ' '.repeat(barWidth - bar.length);
    return `  ${row.label.padStart(labelWidth)} │${style.cyan(bar)}${padding} ${countWords(row.count).padStart(countWidth)}`;
  });
  const traces = `${countWords(histogram.total)} ${histogram.total === 1 ? 'trace' : 'traces'}`;
  return [`${style.bold(title)} · ${traces}`, `  ${formatPercentiles(histogram)}`, ...lines];
}
