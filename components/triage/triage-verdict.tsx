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
 * The first screen's verdict above the histograms: who is to blame and why, in words. A backend
 * without the triage verbs says so quietly; the histograms below stay usable either way.
 */
export function TriageVerdict({ summary, error, loading, onRetry }: TriageVerdictProps) {
  if (error) {
    return error.message.includes('not implemented') ? (
      <p className="text-sm text-slate-500 dark:text-slate-400" data-testid="triage-unavailable">
        Triage (culprit, retransmission signature, attribution) is not available on this backend yet.
      </p>
    ) : (
      <ErrorBanner error={error} what="the triage summary" onRetry={onRetry} />
    );
  }
  if (!summary) return loading ? <Skeleton className="h-6 w-2/3" label="Loading the triage summary" /> : null;
  return <TriageHeadlines summary={summary} />;
}
