/** Number formatting shared by every view: exact integers, thousands separators, units spelled out. */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(count: number): string {
  return integer.format(count);
}

/** "1,043 ms"; a dash for a missing value. */
export function formatMs(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '–' : `${integer.format(ms)} ms`;
}

/** Share of a total as "66.3 %"; "–" when the total is zero. */
export function formatPercent(part: number, total: number, fractionDigits = 1): string {
  if (total <= 0) return '–';
  const percent = (part / total) * 100;
  return `${percent.toFixed(fractionDigits)} %`;
}

/** A histogram range as its bar label: "1000–1100 ms", "< 0 ms", "≥ 3500 ms". */
export function formatRange(fromMs: number | null, toMs: number | null): string {
  if (fromMs === null && toMs === null) return 'all values';
  if (fromMs === null) return `< ${toMs} ms`;
  if (toMs === null) return `≥ ${fromMs} ms`;
  return `${fromMs}–${toMs} ms`;
}

/** Seconds as written in the URL ("0.1") from milliseconds. */
export function msToSecondsText(ms: number): string {
  return String(ms / 1000);
}

/** "1 trace" / "412 traces". */
export function pluralize(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}
