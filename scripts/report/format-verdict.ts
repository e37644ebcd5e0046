import { SEGMENT_NAMES } from '@/lib/domain/triage/segments';
import type { Attribution, SegmentAttribution } from '@/lib/domain/triage/attribution';
import { countWords, msWords, percentWords, secondsWords } from '@/lib/domain/triage/wording';
import { PLAIN_STYLE, type TextStyle } from './text-style';
import { wrapText } from './wrap-text';

/** The parts of TriageSummaryResponse the headlines need. */
type HeadlineSource = {
  headlines: readonly string[];
  retransmissions: { findings: readonly unknown[] };
  correlations: { flaggedCount: number };
};

/**
 * The triage summary's headlines in its order (culprits first: retransmission findings, the top
 * flagged value, then the attribution), marked as the dashboard marks them: a culprit with "●".
 */
export function formatHeadlines(summary: HeadlineSource, width: number, style: TextStyle = PLAIN_STYLE): string[] {
  const culprits = summary.retransmissions.findings.length + (summary.correlations.flaggedCount > 0 ? 1 : 0);
  return summary.headlines.flatMap((headline, index) => {
    const lines = wrapText(headline, width, index < culprits ? '● ' : '  ', '  ');
    return index < culprits ? lines.map((line) => style.red(line)) : lines;
  });
}

/**
 * The segment the attribution sentence names first: the one that is the largest segment of the
 * most slow requests (ties in SEGMENT_NAMES order); null when no slow request could be split.
 */
export function toSlowestHop(attribution: Pick<Attribution, 'attributableSlow' | 'segments'>): SegmentAttribution | null {
  if (attribution.attributableSlow === 0) return null;
  const ranked = [...attribution.segments].sort(
    (a, b) => b.dominantCount - a.dominantCount || SEGMENT_NAMES.indexOf(a.segment) - SEGMENT_NAMES.indexOf(b.segment),
  );
  return ranked[0] ?? null;
}

const SEGMENT_HEADER = ['segment', 'largest in', 'above normal', 'slow p50', 'baseline'] as const;
const SEGMENT_COLUMN_WIDTHS = [22, 12, 14, 11, 11] as const;

const tableRow = (cells: readonly string[]): string =>
  `  ${cells.map((cell, index) => (index === 0 ? cell.padEnd(SEGMENT_COLUMN_WIDTHS[0]) : cell.padStart(SEGMENT_COLUMN_WIDTHS[index]!))).join('')}`;

/**
 * The slowest hop and the attribution table behind it: for each segment the share of slow
 * requests it dominates, its share of their time above the all-request median ("above
 * normal", the excess share), the slow requests' median and that baseline (docs/TRIAGE.md).
 */
export function formatSlowestHop(attribution: Attribution, width: number, style: TextStyle = PLAIN_STYLE): string[] {
  const hop = toSlowestHop(attribution);
  const threshold = secondsWords(attribution.slowMs);
  if (!hop) return [`${style.bold('Slowest hop:')} none (no request ≥ ${threshold} splits into segments)`];
  const noun = attribution.attributableSlow === 1 ? 'request' : 'requests';
  return [
    `${style.bold('Slowest hop:')} ${hop.label}`,
    ...wrapText(
      `largest in ${percentWords(hop.dominantShare ?? 0)} of the ${countWords(attribution.attributableSlow)} ${noun} ≥ ${threshold} that split into segments`,
      width,
      '  ',
    ),
    style.dim(tableRow(SEGMENT_HEADER)),
    ...attribution.segments.map((row) =>
      tableRow([
        row.label,
        row.dominantShare === null ? '–' : percentWords(row.dominantShare),
        row.excessShare === null ? '–' : percentWords(row.excessShare),
        msWords(row.slowP50Ms),
        msWords(row.baselineMs),
      ]),
    ),
  ];
}
