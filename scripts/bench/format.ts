import type { TimingSummary } from './stats';

/**
 * Number and Markdown formatting of the results tables: durations with a precision that fits
 * their size, memory in MiB, and pipe-safe table cells.
 */

/** "0.8 ms", "42 ms", "1.23 s", "1 min 05 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const totalSeconds = Math.round(ms / 1_000);
  const minutes = Math.floor(totalSeconds / 60);
  return `${minutes} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
}

/** "412 ms (398–450)": the median, then the fastest and slowest run, in the median's unit. */
export function formatSummary(summary: TimingSummary): string {
  const spread = summary.runs > 1 ? ` (${formatInUnitOf(summary.minMs, summary.medianMs)}–${formatInUnitOf(summary.maxMs, summary.medianMs)})` : '';
  return `${formatDuration(summary.medianMs)}${spread}`;
}

/** A bare number in the unit formatDuration picks for `reference` (spreads read "1.20 s (1.18–1.31)"). */
function formatInUnitOf(ms: number, reference: number): string {
  if (reference < 10) return ms.toFixed(1);
  if (reference < 1_000) return String(Math.round(ms));
  return (ms / 1_000).toFixed(reference < 10_000 ? 2 : 1);
}

const MIB = 1024 * 1024;

/** "812 MiB", "1.31 GiB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  if (bytes < 1024 * MIB) return `${Math.round(bytes / MIB)} MiB`;
  return `${(bytes / (1024 * MIB)).toFixed(2)} GiB`;
}

/** "1,000,000" */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** "120×", "3.4×" */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  return ratio >= 10 ? `${Math.round(ratio).toLocaleString('en-US')}×` : `${ratio.toFixed(1)}×`;
}

/** A cell's text with the characters that would break a Markdown table escaped. */
export function escapeCell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll(/\r?\n/g, ' ');
}

export type Alignment = 'left' | 'right';

/** A GitHub-flavoured Markdown table; every row must have as many cells as there are headers. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Alignment[] = []): string {
  for (const [index, row] of rows.entries()) {
    if (row.length !== headers.length) throw new Error(`row ${index} has ${row.length} cells for ${headers.length} headers`);
  }
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  const rule = `|${headers.map((_, i) => (align[i] === 'right' ? '---:' : '---')).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}
