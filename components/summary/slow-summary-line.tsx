import { Fragment } from 'react';
import { formatCount, formatPercent, msToSecondsText } from '@/components/format';
import type { SlowSummary } from './slow-summary';
import { UpdatingFrame } from './updating-frame';

type SlowSummaryLineProps = {
  summary: SlowSummary | null;
  thresholdMs: number;
  /**
   * The verdict above states the count of these requests and which of them lack an ingress line
   * (the same trace set, exact): this line then gives only the shares, so the first screen shows
   * one count (issue 14 §2).
   */
  countShownAbove?: boolean;
  /** An older query's answer while the current one loads. */
  stale?: boolean;
};

/**
 * "Of 1,204 requests ≥ 1 s: ingress request_time ≥ 1 s in 66 % (798) · …". Shares are of the
 * slow requests and can overlap; nothing here is estimated.
 */
export function SlowSummaryLine({ summary, thresholdMs, countShownAbove = false, stale = false }: SlowSummaryLineProps) {
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
    <UpdatingFrame stale={stale} what="the slow-request shares">
      <p
        data-testid="slow-summary"
        className="px-3 text-sm leading-relaxed text-slate-700 dark:text-slate-200"
        title="Shares of the slow requests; one request can count in more than one.">
      {countShownAbove ? (
        `Of the requests ≥ ${threshold} at the edge: `
      ) : (
        <>
          Of <strong className="tabular-nums">{formatCount(slowCount)}</strong> requests with edge request_time ≥ {threshold}:{' '}
        </>
      )}
      {shares.map((share, index) => (
        <Fragment key={share.label}>
          {index > 0 && ' · '}
          <span className="whitespace-nowrap">
            {share.label} in <strong className="tabular-nums">{formatPercent(share.count, slowCount, 0)}</strong>{' '}
            <span className="tabular-nums text-slate-600 dark:text-slate-300">({formatCount(share.count)})</span>
          </span>
        </Fragment>
      ))}
      {withoutIngress > 0 && !countShownAbove && (
        <>
          {' · '}
          <span className="whitespace-nowrap">
            <span className="tabular-nums">{formatCount(withoutIngress)}</span> without an ingress line
          </span>
        </>
      )}
      </p>
    </UpdatingFrame>
  );
}
