import { Fragment } from 'react';
import { formatCount, formatPercent, msToSecondsText } from '@/components/format';
import type { SlowSummary } from './slow-summary';

type SlowSummaryLineProps = { summary: SlowSummary | null; thresholdMs: number };

/**
 * "Of 1,204 requests ≥ 1 s: ingress request_time ≥ 1 s in 66 % (798) · …". Shares are of the
 * slow requests and can overlap; nothing here is estimated.
 */
export function SlowSummaryLine({ summary, thresholdMs }: SlowSummaryLineProps) {
  const threshold = `${msToSecondsText(thresholdMs)} s`;
  if (!summary || summary.slowCount === 0) {
    return (
      <p data-testid="slow-summary" className="text-base">
        No request took ≥ {threshold} at the edge in this selection.
      </p>
    );
  }
  const { slowCount, shares, withoutIngress } = summary;
  return (
    <p
      data-testid="slow-summary"
      className="rounded-md border-l-4 border-rose-500 bg-rose-50/60 px-3 py-1.5 text-base leading-relaxed dark:bg-rose-950/40"
      title="Shares of the slow requests; one request can count in more than one.">
      Of <strong className="tabular-nums">{formatCount(slowCount)}</strong> requests with edge request_time ≥ {threshold}:{' '}
      {shares.map((share, index) => (
        <Fragment key={share.label}>
          {index > 0 && ' · '}
          <span className="whitespace-nowrap">
            {share.label} in <strong className="tabular-nums">{formatPercent(share.count, slowCount, 0)}</strong>{' '}
            <span className="tabular-nums text-slate-600 dark:text-slate-300">({formatCount(share.count)})</span>
          </span>
        </Fragment>
      ))}
      {withoutIngress > 0 && (
        <>
          {' · '}
          <span className="whitespace-nowrap">
            <span className="tabular-nums">{formatCount(withoutIngress)}</span> without an ingress line
          </span>
        </>
      )}
      {summary.sample && (
        <span className="text-slate-600 dark:text-slate-300">
          {' '}
          (gap shares from a sample of {formatCount(summary.sample.sampledTraces)} of {formatCount(summary.sample.totalTraces)})
        </span>
      )}
    </p>
  );
}
