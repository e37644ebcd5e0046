import type { TraceCounts } from '@/lib/domain/trace-counts';
import { describeSkipped } from '@/lib/domain/trace-counts';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { formatCount } from '@/components/format';

/** What the trace set consists of: joined and one-tier traces, duplicates, skipped lines. */
export function TraceCountsLine({ counts }: { counts: TraceCounts }) {
  const duplicates = counts.duplicates.edge + counts.duplicates.ingress;
  return (
    <p data-testid="trace-counts" className="text-xs tabular-nums text-slate-600 dark:text-slate-300">
      <span data-testid="count-edge">{formatCount(counts.edge)}</span> traces at the edge ·{' '}
      <span data-testid="count-joined">{formatCount(counts.joined)}</span> joined with ingress ·{' '}
      <span data-testid="count-edge-only">{formatCount(counts.edgeOnly)}</span> edge only
      {duplicates > 0 && ` · ${formatCount(duplicates)} duplicate lines (edge ${formatCount(counts.duplicates.edge)}, ingress ${formatCount(counts.duplicates.ingress)})`}
      {counts.skipped.length > 0 && (
        <>
          {' · '}
          <span title={counts.skipped.map((entry) => describeSkipped(entry, DEFAULT_FIELD_NAMES[entry.field])).join('\n')}>
            {formatCount(counts.skipped.reduce((sum, entry) => sum + entry.count, 0))} lines skipped (hover for reasons)
          </span>
        </>
      )}
    </p>
  );
}
