import 'server-only';
import type { BucketSelection, TracePage, TracePageRequest } from '@/lib/domain/drill-down';
import { isAfterCursor, selectionContains } from '@/lib/domain/drill-down';
import type { HistogramName } from '@/lib/domain/histogram-names';
import type { TraceQuery } from '@/lib/domain/query';
import { toTraceSummary, type TraceSummary } from '@/lib/domain/trace';
import type { TuningConfig } from '../backend-config';
import { fetchEdgeRequestTimes } from '../edge-request-times';
import { fetchDocumentsOfTraces, groupDocumentsByTrace, toRepresentatives } from '../fetch-documents';
import { fetchTraceTuples } from '../fetch-tuples';
import { termsFilter } from '../filters';
import { parseDocuments } from '../parse/parse-documents';
import { timingFieldOrThrow, toTraceSetFields, type FieldPlan } from '../query-plan';
import { buildOrderedEdgeRequest, type EdgeSortKey } from '../requests/build-ordered-edge-request';
import { groupTuplesByTrace, type TupleFields } from '../representatives';
import type { ElasticsearchSession } from '../session';
import { inRange } from '../timing-values';
import { edgeTraceFilters, ingressCandidateFilters, type TraceSetFields } from '../trace-set-filters';
import { countPartitions, fetchPartitionTraces, prefetch } from '../trace-partitions';
import { PageKeys } from './page-keys';

const FIRST_BATCH = 200;
const MAX_BATCH = 5_000;
/** Edge lines read in page order before a rare bucket is looked for partition by partition instead. */
const SCAN_BUDGET = 600;

/** Each distribution's value of a trace, null when the trace is not counted in it. */
const VALUE_OF: Record<HistogramName, (summary: TraceSummary) => number | null> = {
  edge: (summary) => summary.edge.requestTimeMs,
  ingress: (summary) => summary.ingress?.requestTimeMs ?? null,
  edgeMinusIngress: (summary) => summary.edgeMinusIngressMs,
  ingressMinusUpstream: (summary) => summary.ingressMinusUpstreamMs,
};

const CHOICE_FIELDS: TupleFields = { timestamp: 'timestamp', requestTime: 'request_time', upstreamResponseTime: 'upstream_response_time' };

type Row = { key: EdgeSortKey; summary: TraceSummary };

/**
 * The rows of some traces, in the order of `keys` (page order): each trace's lines in both tiers
 * are read whole, and a trace is listed at its representative's key, once, if its value lies in
 * the selection.
 */
async function rowsOf(
  session: ElasticsearchSession,
  plan: TraceSetFields,
  query: TraceQuery,
  selection: BucketSelection,
  keys: readonly EdgeSortKey[],
  seen: Set<string>,
): Promise<Row[]> {
  const traceIds = [...new Set(keys.map(([, traceId]) => traceId))].filter((traceId) => !seen.has(traceId));
  const [edgeDocuments, ingressDocuments] = await Promise.all([
    fetchDocumentsOfTraces(session, 'edge', 'reading the edge lines of a drill-down', edgeTraceFilters(plan, query), plan.edgeTraceId.name, traceIds),
    fetchDocumentsOfTraces(
      session,
      'ingress',
      'reading the ingress lines of a drill-down',
      ingressCandidateFilters(plan, query, traceIds),
      plan.ingressTraceId.name,
      traceIds,
    ),
  ]);
  const edgeRepresentatives = toRepresentatives(groupDocumentsByTrace(edgeDocuments, 'edge', plan.fields));
  const ingressRepresentatives = toRepresentatives(groupDocumentsByTrace(ingressDocuments, 'ingress', plan.fields));
  const rows: Row[] = [];
  for (const key of keys) {
    const [timestampMs, traceId] = key;
    const edge = edgeRepresentatives.get(traceId);
    if (!edge || edge.timestampMs !== timestampMs || seen.has(traceId)) continue;
    seen.add(traceId);
    const summary = toTraceSummary(edge, ingressRepresentatives.get(traceId) ?? null);
    const value = VALUE_OF[selection.histogram](summary);
    if (value !== null && selectionContains(selection, value)) rows.push({ key, summary });
  }
  return rows;
}

type Scan = { rows: Row[]; after: EdgeSortKey | null; exhausted: boolean };

/**
 * Reads edge lines in page order (for the edge histogram only those in its range, so every one
 * read is a candidate) until `wanted` rows are found, the lines run out, or `budget` lines were
 * read. Lines with the same key as the last one read belong to a trace already handled, so
 * `search_after` on that key loses nothing.
 */
async function scanInPageOrder(
  session: ElasticsearchSession,
  plan: TraceSetFields,
  query: TraceQuery,
  selection: BucketSelection,
  start: EdgeSortKey | null,
  wanted: number,
  budget: number,
): Promise<Scan> {
  const filters =
    selection.histogram === 'edge' ? edgeTraceFilters(plan, query, { minMs: selection.fromMs, maxMs: selection.toMs }) : edgeTraceFilters(plan, query);
  const rows: Row[] = [];
  const seen = new Set<string>();
  let after = start;
  let batch = Math.max(FIRST_BATCH, wanted);
  let read = 0;
  while (rows.length < wanted && read < budget) {
    const request = buildOrderedEdgeRequest(filters, plan.edgeTimestamp, plan.edgeTraceId.name, after, batch);
    const { documents } = parseDocuments(await session.search('edge', 'scanning the edge lines of a drill-down', request));
    if (documents.length === 0) return { rows, after, exhausted: true };
    const keys = documents.map((document) => [Math.trunc(Number(document.sort[0])), String(document.sort[1])] as EdgeSortKey);
    rows.push(...(await rowsOf(session, plan, query, selection, keys, seen)));
    after = keys.at(-1)!;
    read += documents.length;
    if (documents.length < batch) return { rows, after, exhausted: true };
    batch = Math.min(batch * 2, MAX_BATCH);
  }
  return { rows, after, exhausted: false };
}

/**
 * The first `wanted` traces after `after` (page order) whose value lies in the selection, found
 * partition by partition from aggregated tuples: for a rare bucket this costs one pass over the
 * trace set, however far apart its traces are.
 */
async function findKeysByPartitions(
  session: ElasticsearchSession,
  fieldPlan: FieldPlan,
  plan: TraceSetFields,
  query: TraceQuery,
  selection: BucketSelection,
  after: EdgeSortKey | null,
  wanted: number,
  partitions: number,
): Promise<EdgeSortKey[]> {
  const best = new PageKeys(wanted);
  const cursor = after ? { timestampMs: after[0], traceId: after[1] } : null;
  const sourcesOf = (tier: 'edge' | 'ingress', timestampField: string) => [
    { name: 'timestamp', field: timestampField },
    { name: 'request_time', field: timingFieldOrThrow(fieldPlan, tier, 'requestTime').name },
    { name: 'upstream_response_time', field: timingFieldOrThrow(fieldPlan, tier, 'upstreamResponseTime').name },
  ];
  let next = prefetch(fetchPartitionTraces(session, plan, query, 0, partitions));
  for (let partition = 0; partition < partitions; partition += 1) {
    const traceIds = (await next).map((trace) => trace.traceId);
    if (partition + 1 < partitions) next = prefetch(fetchPartitionTraces(session, plan, query, partition + 1, partitions));
    if (traceIds.length === 0) continue;
    const edgeTuples = await fetchTraceTuples(
      session,
      'edge',
      'looking for the traces of a drill-down',
      [...edgeTraceFilters(plan, query), ...termsFilter(plan.edgeTraceId.name, traceIds)],
      plan.edgeTraceId.name,
      sourcesOf('edge', plan.edgeTimestamp),
    );
    const edgeRepresentatives = toRepresentatives(groupTuplesByTrace(edgeTuples, 'edge', CHOICE_FIELDS, plan.fields));
    const candidates = [...edgeRepresentatives].filter(
      ([traceId, edge]) => isAfterCursor(cursor, edge.timestampMs, traceId) && best.accepts([edge.timestampMs, traceId]),
    );
    if (candidates.length === 0) continue;
    const ingressTuples = await fetchTraceTuples(
      session,
      'ingress',
      'looking for the traces of a drill-down',
      ingressCandidateFilters(plan, query, candidates.map(([traceId]) => traceId)),
      plan.ingressTraceId.name,
      sourcesOf('ingress', plan.ingressTimestamp),
    );
    const ingressRepresentatives = toRepresentatives(groupTuplesByTrace(ingressTuples, 'ingress', CHOICE_FIELDS, plan.fields));
    for (const [traceId, edge] of candidates) {
      const value = VALUE_OF[selection.histogram](toTraceSummary(edge, ingressRepresentatives.get(traceId) ?? null));
      if (value !== null && selectionContains(selection, value)) best.add([edge.timestampMs, traceId]);
    }
  }
  return best.keys();
}

/**
 * One page of the traces counted in a histogram range, newest first (edge @timestamp desc, then
 * trace id), after the cursor; one row beyond the page tells whether another page follows.
 * Edge lines are first read in page order, which finds the traces of common buckets at once;
 * when a bucket is rare, the rest is found partition by partition.
 */
export async function fetchBucketTraces(
  session: ElasticsearchSession,
  fieldPlan: FieldPlan,
  tuning: TuningConfig,
  query: TraceQuery,
  selection: BucketSelection,
  page: TracePageRequest,
): Promise<TracePage> {
  const { plan, requestTimes } = await fetchEdgeRequestTimes(session, toTraceSetFields(fieldPlan), query);
  const wanted = page.limit + 1;
  const start: EdgeSortKey | null = page.cursor ? [page.cursor.timestampMs, page.cursor.traceId] : null;
  const budget = selection.histogram === 'edge' ? Number.POSITIVE_INFINITY : SCAN_BUDGET;
  const scan = await scanInPageOrder(session, plan, query, selection, start, wanted, budget);
  const rows = scan.rows;
  if (rows.length < wanted && !scan.exhausted) {
    const latency = { minMs: query.latencyMinMs, maxMs: query.latencyMaxMs };
    const validDocuments = requestTimes.validByMs.reduce((sum, { valueMs, count }) => sum + (inRange(latency, valueMs) ? count : 0), 0);
    const partitions = countPartitions(validDocuments, tuning.partitionTraces);
    const keys = await findKeysByPartitions(session, fieldPlan, plan, query, selection, scan.after, wanted - rows.length, partitions);
    rows.push(...(await rowsOf(session, plan, query, selection, keys, new Set())));
  }
  const traces = rows.slice(0, page.limit).map((row) => row.summary);
  const last = rows[page.limit - 1];
  return { traces, nextCursor: rows.length > page.limit && last ? { timestampMs: last.key[0], traceId: last.key[1] } : null };
}
