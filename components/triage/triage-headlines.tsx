import type { TriageSummaryResponse } from '@/lib/domain/triage/triage-responses';
import { SampleNotice } from '@/components/summary/sample-notice';

type TriageHeadlinesProps = { summary: Pick<TriageSummaryResponse, 'headlines' | 'retransmissions' | 'correlations' | 'attribution'> };

/**
 * The first-screen verdict: the sentences that name a culprit (retransmission findings, the top
 * flagged value) above the attribution, each as the API words it, and whether they were drawn
 * from a sample of the traces (Elasticsearch above its threshold).
 */
export function TriageHeadlines({ summary }: TriageHeadlinesProps) {
  const culprits = summary.retransmissions.findings.length + (summary.correlations.flaggedCount > 0 ? 1 : 0);
  return (
    <section aria-label="Triage" data-testid="triage-headlines" className="space-y-1">
      {summary.headlines.map((headline, index) => (
        <p
          key={headline}
          className={
            index < culprits
              ? 'rounded-md border-l-4 border-rose-600 bg-rose-50 px-3 py-1.5 text-base leading-relaxed dark:bg-rose-950/40'
              : 'px-3 py-1 text-base leading-relaxed'
          }
        >
          {headline}
        </p>
      ))}
      <SampleNotice sample={summary.attribution.sample} subject="these findings" />
    </section>
  );
}
