import type { TraceSummary } from '@/lib/domain/trace';
import type { TraceSort, TraceSortKey } from '@/lib/url-state';

type SortValue = number | string | null;

/** The value each sortable column sorts by; null sorts last in either direction. */
export const TRACE_SORT_VALUE: Record<TraceSortKey, (trace: TraceSummary) => SortValue> = {
  time: (trace) => trace.timestampMs,
  edge: (trace) => trace.edge.requestTimeMs,
  ingress: (trace) => trace.ingress?.requestTimeMs ?? null,
  edgeMinusIngress: (trace) => trace.edgeMinusIngressMs,
  ingressMinusUpstream: (trace) => trace.ingressMinusUpstreamMs,
  edgeConnect: (trace) => trace.edge.connectMs,
  ingressConnect: (trace) => trace.ingress?.connectMs ?? null,
  ingressUpstream: (trace) => trace.ingress?.responseMs ?? null,
  status: (trace) => trace.edge.status,
  ingressStatus: (trace) => trace.ingress?.status ?? null,
  edgeHost: (trace) => trace.edge.host,
  edgeUpstreamAddr: (trace) => trace.edge.upstreamAddr,
  ingressHost: (trace) => trace.ingress?.host ?? null,
  ingressUpstreamAddr: (trace) => trace.ingress?.upstreamAddr ?? null,
};

/** Numbers inside names compare as numbers: ingress-node-2 before ingress-node-10, 10.20.0.9 before 10.20.0.12. */
const collator = new Intl.Collator('en', { numeric: true });

const compare = (a: number | string, b: number | string): number =>
  typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));

/** A sorted copy; ties keep the API's order (newest first), so sorting is stable. */
export function sortTraces(traces: readonly TraceSummary[], sort: TraceSort): TraceSummary[] {
  const value = TRACE_SORT_VALUE[sort.key];
  const direction = sort.order === 'asc' ? 1 : -1;
  return traces
    .map((trace, index) => ({ trace, index, value: value(trace) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      return compare(a.value, b.value) * direction || a.index - b.index;
    })
    .map((entry) => entry.trace);
}
