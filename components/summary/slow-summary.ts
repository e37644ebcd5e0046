import type { HistogramsResponse } from '@/lib/domain/api-responses';
import { DEFAULT_SLOW_MS, publicQuerySchema } from '@/lib/domain/query';
import type { QueryParams } from '@/lib/url-state';
import { msToSecondsText } from '@/components/format';


const secondsToMs = (text: string | undefined): number | null => {
  if (text === undefined) return null;
  const parsed = publicQuerySchema.shape.latencyMin.safeParse(text);
  return parsed.success && parsed.data !== undefined ? parsed.data : null;
};

/** What counts as slow: edge request_time ≥ 1 s, or ≥ latencyMin when the filter asks for more. */
export function slowThresholdMs(query: QueryParams): number {
  return Math.max(DEFAULT_SLOW_MS, secondsToMs(query.latencyMin) ?? 0);
}

/**
 * The query whose histograms answer "where does the time go for the slow requests": the same
 * filters restricted to edge request_time ≥ threshold, with one bucket [0, threshold) so that each
 * histogram's overflow is exactly the count at or above the threshold. Null when the latency
 * filter leaves no room for slow requests.
 */
export function toSlowQuery(query: QueryParams): QueryParams | null {
  const thresholdMs = slowThresholdMs(query);
  const maxMs = secondsToMs(query.latencyMax);
  if (maxMs !== null && maxMs <= thresholdMs) return null;
  const threshold = msToSecondsText(thresholdMs);
  return { ...query, latencyMin: threshold, bucket: threshold, upper: threshold };
}

export type SlowShare = { label: string; count: number };

export type SlowSummary = {
  thresholdMs: number;
  /** Traces with edge request_time ≥ threshold. */
  slowCount: number;
  /** Of those, how many had each hop at or above the threshold. A trace can count in several. */
  shares: SlowShare[];
  /** Of those, traces without an ingress line: their time cannot be split. */
  withoutIngress: number;
};

/**
 * Reads the slow-set answer of toSlowQuery. Exact counts, no estimation. The threshold is the one
 * the server resolved for that answer (its `upper`, where each histogram's overflow starts), not
 * the page's own reading of the URL.
 */
export function summarizeSlow(response: HistogramsResponse): SlowSummary {
  const thresholdMs = response.query.upperMs;
  const { histograms, counts } = response;
  const threshold = `${msToSecondsText(thresholdMs)} s`;
  return {
    thresholdMs,
    slowCount: histograms.edge.total,
    shares: [
      { label: `ingress request_time ≥ ${threshold}`, count: histograms.ingress.overflow },
      { label: `edge→ingress gap ≥ ${threshold}`, count: histograms.edgeMinusIngress.overflow },
      { label: `inside ingress-nginx ≥ ${threshold}`, count: histograms.ingressMinusUpstream.overflow },
    ],
    withoutIngress: counts.edgeOnly,
  };
}
