import Link from 'next/link';
import type { ApiErrorBody } from '@/lib/domain/api-responses';
import type { BucketSelection } from '@/lib/domain/drill-down';
import { HISTOGRAM_TITLES } from '@/lib/domain/histogram-names';
import { toFirstScreenVerdict } from '@/lib/domain/triage/first-screen';
import type { RetransmissionFinding } from '@/lib/domain/triage/retransmission';
import type { TriageSummaryResponse } from '@/lib/domain/triage/triage-responses';
import type { InvestigationState } from '@/lib/url-state';
import { ErrorBanner } from '@/components/states/error-banner';
import { Skeleton } from '@/components/states/skeleton';
import { UpdatingFrame } from '@/components/summary/updating-frame';
import { TriageHeadlines } from './triage-headlines';
import { correlationFilterHref, retransmissionFindingHref } from './triage-links';
import { SampleNotice } from '@/components/states/sample-notice';

type TriageVerdictProps = {
  summary: TriageSummaryResponse | null;
  error: ApiErrorBody['error'] | null;
  /** True while the answer for the current URL is on its way: a summary shown then is an older query's. */
  loading: boolean;
  onRetry: () => void;
  /** The triage page for the same query, where each analysis has its own panel. */
  detailsHref: string;
  /** The page's state, which the verdict's links narrow. */
  state: InvestigationState;
  /** Asks the page to focus the list of a drill-down the verdict opens (the page is not reloaded). */
  onShowRequests?: (drill: BucketSelection) => void;
};

/** What "Show these requests" opens, in words: the filter and the bar. */
function showRequestsWords(finding: RetransmissionFinding): string {
  const where = finding.dominant ? `${finding.dominant.value}` : 'every host';
  if (!finding.drill) return `${where}, ${finding.hop === 'ingressToApp' ? 'ingress' : 'edge'} connect timeline`;
  const { histogram, fromMs, toMs } = finding.drill;
  return `${where}, ${HISTOGRAM_TITLES[histogram]}, bar ${fromMs}–${toMs} ms`;
}

/**
 * The first screen's verdict above the histograms: who is to blame and why, in words. When it
 * fails, the histograms below stay usable; while a newer query's verdict loads, the older one is
 * dimmed and marked as updating, never shown as current.
 */
export function TriageVerdict({ summary, error, loading, onRetry, detailsHref, state, onShowRequests }: TriageVerdictProps) {
  if (error) return <ErrorBanner error={error} what="the triage summary" onRetry={onRetry} />;
  if (!summary) return loading ? <Skeleton className="h-6 w-2/3" label="Loading the triage summary" /> : null;
  const verdict = toFirstScreenVerdict(summary);
  const main = verdict.mainFinding;
  const drill = main?.drill ?? null;
  return (
    <UpdatingFrame stale={loading} what="the verdict">
      {summary.attribution.sample && <SampleNotice statement={summary.attribution.sample} brief="This verdict" />}
      <TriageHeadlines
        verdict={verdict}
        filterHref={(ref, exclude) => correlationFilterHref(state, ref, exclude)}
        showRequests={
          main
            ? { href: retransmissionFindingHref(state, main), what: showRequestsWords(main), onClick: drill && onShowRequests ? () => onShowRequests(drill) : undefined }
            : null
        }
      />
      <Link href={detailsHref} data-testid="triage-details" className="px-3 text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
        Details: attribution, correlations, retransmissions, connection reuse, window comparison →
      </Link>
    </UpdatingFrame>
  );
}
