import type { TraceSummary } from '@/lib/domain/trace';
import type { TraceSort, TraceSortKey } from '@/lib/url-state';

/** The number each sortable column sorts by; null sorts last in either direction. */
export const TRACE_SORT_VALUE: Record<TraceSortKey, (trace: TraceSummary) => number | null> = {
  time: (trace) => trace.timestampMs,
  edge: (trace) => trace.edge.requestTimeMs,
  ingress: (trace) => trace.ingress?.requestTimeMs ?? null,
  edgeMinusIngress: (trace) => trace.edgeMinusIngressMs,
  ingressMinusUpstream: (trace) => trace.ingressMinusUpstreamMs,
  edgeConnect: (trace) => trace.edge.connectMs,
  ingressConnect: (trace) => trace.ingress?.connectMs ?? null,
  ingressUpstream: (trace) => trace.ingress?.responseMs ?? null,
  status: (trace) => trace.edge.status,
};

/** A sorted copy; ties keep the API's order (newest first), so sorting is stable. */
export function sortTraces(traces: readonly TraceSummary[], sort: TraceSort): TraceSummary[] {
  const value = TRACE_SORT_VALUE[sort.key];
  const direction = sort.order === 'asc' ? 1 : -1;
  return traces
    .map((trace, index) => ({ trace, index, value: value(trace) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      return (a.value - b.value) * direction || a.index - b.index;
    })
    .map((entry) => entry.trace);
}
