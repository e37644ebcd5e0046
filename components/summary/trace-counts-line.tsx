import type { TraceCounts } from '@/lib/domain/trace-counts';
import { describeSkipped, describeUnreadable } from '@/lib/domain/trace-counts';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { formatCount } from '@/components/format';

/**
 * What the trace set consists of: joined and one-tier traces, duplicates, and every line left out
 * with its reason, spelled out beside the numbers so nothing is dropped silently.
 */
export function TraceCountsLine({ counts }: { counts: TraceCounts }) {
  const duplicates = counts.duplicates.edge + counts.duplicates.ingress;
  const leftOut = [
    ...counts.skipped.map((entry) => describeSkipped(entry, DEFAULT_FIELD_NAMES[entry.field])),
    ...describeUnreadable(counts.unreadableLines, counts.unreadableReasons),
  ];
  return (
    <div className="text-xs tabular-nums text-slate-600 dark:text-slate-300">
      <p data-testid="trace-counts">
        <span data-testid="count-edge">{formatCount(counts.edge)}</span> traces at the edge ·{' '}
        <span data-testid="count-joined">{formatCount(counts.joined)}</span> joined with ingress ·{' '}
        <span data-testid="count-edge-only">{formatCount(counts.edgeOnly)}</span> edge only
        {duplicates > 0 && ` · ${formatCount(duplicates)} duplicate lines (edge ${formatCount(counts.duplicates.edge)}, ingress ${formatCount(counts.duplicates.ingress)})`}
      </p>
      {leftOut.length > 0 && (
        <ul data-testid="skipped-lines" aria-label="Lines left out of this answer" className="mt-0.5 text-amber-800 dark:text-amber-300">
          {leftOut.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
