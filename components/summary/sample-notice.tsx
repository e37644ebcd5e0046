import type { SampleInfo } from '@/lib/domain/api-responses';
import { formatCount, formatPercent } from '@/components/format';

/** Shown when answers (by default the gap distributions) come from a sample of the trace set rather than all of it. */
export function SampleNotice({ sample, subject = 'the gap histograms' }: { sample: SampleInfo | null; subject?: string }) {
  if (!sample) return null;
  return (
    <p role="note" data-testid="sample-notice" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      Sampled: {subject} come from a uniform sample of {formatCount(sample.sampledTraces)} of{' '}
      {formatCount(sample.totalTraces)} traces ({formatPercent(sample.sampledTraces, sample.totalTraces)}). Narrow the time range or
      filters for exact counts.
    </p>
  );
}
