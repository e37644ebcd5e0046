import Link from 'next/link';
import type { ApiErrorBody } from '@/lib/domain/api-responses';
import type { TriageSummaryResponse } from '@/lib/domain/triage/triage-responses';
import { ErrorBanner } from '@/components/states/error-banner';
import { Skeleton } from '@/components/states/skeleton';
import { TriageHeadlines } from './triage-headlines';

type TriageVerdictProps = {
  summary: TriageSummaryResponse | null;
  error: ApiErrorBody['error'] | null;
  loading: boolean;
  onRetry: () => void;
  /** The triage page for the same query, where each analysis has its own panel. */
  detailsHref: string;
};

/**
 * The first screen's verdict above the histograms: who is to blame and why, in words. When it
 * fails, the histograms below stay usable.
 */
export function TriageVerdict({ summary, error, loading, onRetry, detailsHref }: TriageVerdictProps) {
  if (error) return <ErrorBanner error={error} what="the triage summary" onRetry={onRetry} />;
  if (!summary) return loading ? <Skeleton className="h-6 w-2/3" label="Loading the triage summary" /> : null;
  return (
    <div className="space-y-1">
      <TriageHeadlines summary={summary} />
      <Link href={detailsHref} data-testid="triage-details" className="px-3 text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
        Details: attribution, correlations, retransmissions, connection reuse, window comparison →
      </Link>
    </div>
  );
}
