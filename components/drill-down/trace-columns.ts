import type { DimensionField } from '@/lib/domain/dimension-filters';
import type { TraceSummary } from '@/lib/domain/trace';
import type { TraceOptionalColumn, TraceSortKey } from '@/lib/url-state';

/**
 * The trace table's columns, as data: the table renders whichever are shown, under two header
 * rows (a group such as "Edge nginx → ingress", then the column). Culprit columns (hosts,
 * upstream addresses, connect times, statuses) carry no `optional` and are always shown.
 */

export type TraceColumnKind =
  /** Milliseconds, right-aligned, bold from 1 s. */
  | { type: 'ms'; value: (trace: TraceSummary) => number | null }
  /** A value from a log line: host, address, status. `mono` for addresses, which may list several attempts. */
  | { type: 'text'; value: (trace: TraceSummary) => string | number | null; mono?: boolean; filter?: DimensionField }
  /** Cells the table draws itself. */
  | { type: 'time' | 'traceId' | 'request' };

export type TraceColumn = {
  id: string;
  /** The header's text. */
  label: string;
  /** The column's full name (screen readers, sort buttons, the column chooser). */
  name: string;
  /** The group header above it; null for a column whose header spans both rows. */
  group: string | null;
  hint?: string;
  sortKey?: TraceSortKey;
  optional?: TraceOptionalColumn;
  testId?: string;
  kind: TraceColumnKind;
};

const EDGE = 'Edge nginx → ingress';
const INGRESS = 'Ingress nginx → app';
const LATENCY = 'request_time';

export const TRACE_COLUMNS: readonly TraceColumn[] = [
  { id: 'time', label: 'Time (edge)', name: 'Time (edge)', group: null, sortKey: 'time', kind: { type: 'time' } },
  { id: 'traceId', label: 'Trace id', name: 'Trace id', group: null, kind: { type: 'traceId' } },
  { id: 'request', label: 'Request', name: 'Request', group: null, optional: 'request', kind: { type: 'request' } },
  { id: 'edge', label: 'Edge', name: 'Edge', group: LATENCY, hint: 'edge request_time', sortKey: 'edge', testId: 'cell-edge', kind: { type: 'ms', value: (t) => t.edge.requestTimeMs } },
  { id: 'ingress', label: 'Ingress', name: 'Ingress', group: LATENCY, hint: 'ingress request_time', sortKey: 'ingress', testId: 'cell-ingress', kind: { type: 'ms', value: (t) => t.ingress?.requestTimeMs ?? null } },
  {
    id: 'edgeMinusIngress',
    label: 'Edge − ingress',
    name: 'Edge − ingress',
    group: LATENCY,
    hint: 'edge request_time − ingress request_time: time between the tiers',
    sortKey: 'edgeMinusIngress',
    optional: 'edgeMinusIngress',
    testId: 'cell-edge-minus-ingress',
    kind: { type: 'ms', value: (t) => t.edgeMinusIngressMs },
  },
  {
    id: 'ingressMinusUpstream',
    label: 'Ingress − upstream',
    name: 'Ingress − upstream',
    group: LATENCY,
    hint: 'ingress request_time − ingress upstream_response_time: time inside ingress-nginx',
    sortKey: 'ingressMinusUpstream',
    optional: 'ingressMinusUpstream',
    testId: 'cell-ingress-minus-upstream',
    kind: { type: 'ms', value: (t) => t.ingressMinusUpstreamMs },
  },
  { id: 'edgeHost', label: 'host', name: 'Edge host', group: EDGE, hint: 'the edge nginx that logged the request', sortKey: 'edgeHost', testId: 'cell-edge-host', kind: { type: 'text', value: (t) => t.edge.host, filter: 'edge.host' } },
  {
    id: 'edgeUpstreamAddr',
    label: 'upstream',
    name: 'Edge upstream address',
    group: EDGE,
    hint: 'edge upstream_addr: the ingress node the edge connected to, every attempt',
    sortKey: 'edgeUpstreamAddr',
    testId: 'cell-edge-upstream-addr',
    kind: { type: 'text', value: (t) => t.edge.upstreamAddr, mono: true, filter: 'edge.upstreamAddr' },
  },
  {
    id: 'edgeConnect',
    label: 'connect',
    name: 'Edge connect',
    group: EDGE,
    hint: 'edge upstream_connect_time (edge → ingress), summed over attempts',
    sortKey: 'edgeConnect',
    testId: 'cell-edge-connect',
    kind: { type: 'ms', value: (t) => t.edge.connectMs },
  },
  { id: 'edgeStatus', label: 'status', name: 'Edge status', group: EDGE, hint: 'edge status', sortKey: 'status', testId: 'cell-edge-status', kind: { type: 'text', value: (t) => t.edge.status, filter: 'edge.status' } },
  { id: 'ingressHost', label: 'host', name: 'Ingress host', group: INGRESS, hint: 'the ingress node that logged the request', sortKey: 'ingressHost', testId: 'cell-ingress-host', kind: { type: 'text', value: (t) => t.ingress?.host ?? null, filter: 'ingress.host' } },
  {
    id: 'ingressUpstreamAddr',
    label: 'upstream',
    name: 'Ingress upstream address',
    group: INGRESS,
    hint: 'ingress upstream_addr: the pods ingress-nginx connected to, every attempt',
    sortKey: 'ingressUpstreamAddr',
    testId: 'cell-ingress-upstream-addr',
    kind: { type: 'text', value: (t) => t.ingress?.upstreamAddr ?? null, mono: true, filter: 'ingress.upstreamAddr' },
  },
  {
    id: 'ingressConnect',
    label: 'connect',
    name: 'Ingress connect',
    group: INGRESS,
    hint: 'ingress upstream_connect_time (ingress → app), summed over attempts',
    sortKey: 'ingressConnect',
    testId: 'cell-ingress-connect',
    kind: { type: 'ms', value: (t) => t.ingress?.connectMs ?? null },
  },
  {
    id: 'ingressUpstream',
    label: 'upstream time',
    name: 'Ingress upstream time',
    group: INGRESS,
    hint: 'ingress upstream_response_time (ingress → app, connect included), summed over attempts',
    sortKey: 'ingressUpstream',
    optional: 'ingressUpstream',
    testId: 'cell-ingress-upstream',
    kind: { type: 'ms', value: (t) => t.ingress?.responseMs ?? null },
  },
  { id: 'ingressStatus', label: 'status', name: 'Ingress status', group: INGRESS, hint: 'ingress status', sortKey: 'ingressStatus', testId: 'cell-ingress-status', kind: { type: 'text', value: (t) => t.ingress?.status ?? null, filter: 'ingress.status' } },
];

/** The columns shown for a choice of optional ones, in table order. */
export function shownColumns(optional: readonly TraceOptionalColumn[]): TraceColumn[] {
  return TRACE_COLUMNS.filter((column) => column.optional === undefined || optional.includes(column.optional));
}

export type HeaderGroup = { label: string | null; span: number };

/** The upper header row: runs of adjacent columns of one group, each spanning its columns. */
export function headerGroups(columns: readonly TraceColumn[]): HeaderGroup[] {
  const groups: HeaderGroup[] = [];
  for (const column of columns) {
    const last = groups.at(-1);
    if (last && column.group !== null && last.label === column.group) last.span++;
    else groups.push({ label: column.group, span: 1 });
  }
  return groups;
}
