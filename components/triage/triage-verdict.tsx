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
};

/**
 * The first screen's verdict above the histograms: who is to blame and why, in words. When it
 * fails, the histograms below stay usable.
 */
export function TriageVerdict({ summary, error, loading, onRetry }: TriageVerdictProps) {
  if (error) return <ErrorBanner error={error} what="the triage summary" onRetry={onRetry} />;
  if (!summary) return loading ? <Skeleton className="h-6 w-2/3" label="Loading the triage summary" /> : null;
  return <TriageHeadlines summary={summary} />;
}
