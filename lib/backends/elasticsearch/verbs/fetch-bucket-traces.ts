import 'server-only';
import type { estypes } from '@elastic/elasticsearch';
import type { BucketSelection, TracePage, TracePageRequest } from '@/lib/domain/drill-down';
import { isAfterCursor, selectionContains } from '@/lib/domain/drill-down';
import type { HistogramName } from '@/lib/domain/histogram-names';
import { JOIN_WINDOW_MARGIN_MS, latencyRange, type TraceQuery } from '@/lib/domain/query';
import { toTraceSummary, type TraceSummary } from '@/lib/domain/trace';
import type { TuningConfig } from '../backend-config';
import { fetchEdgeRequestTimes } from '../edge-request-times';
import { fetchDocumentsOfTraces, groupDocumentsByTrace, toRepresentatives } from '../fetch-documents';
import { fetchTraceTuples } from '../fetch-tuples';
import { fetchDistinctValues } from '../fetch-distinct-values';
import { keywordValuesFilter, numericMsRangeFilter, termsFilter, timeRangeFilter } from '../filters';
import { passesIngressFilters, toIngressFilters, withIngressFilterSources, type IngressFilters, type TupleReading } from '../ingress-filters';
import { parseDocuments } from '../parse/parse-documents';
import { timingFieldOrThrow, toTraceSetFields, type FieldPlan } from '../query-plan';
import { buildOrderedEdgeRequest, type EdgeSortKey } from '../requests/build-ordered-edge-request';
import { groupTuplesByTrace, type TupleFields } from '../representatives';
import type { ElasticsearchSession } from '../session';
import { inRange, partitionKeywordValues } from '../timing-values';
import { edgeTraceFilters, ingressCandidateFilters, type TraceSetFields } from '../trace-set-filters';
import { countPartitions, fetchPartitionTraces, prefetch } from '../trace-partitions';
import { PageKeys } from './page-keys';

const FIRST_BATCH = 500;
const MAX_BATCH = 8_000;
/** Edge lines read in page order before a rare bucket is looked for partition by partition instead. */
const SCAN_BUDGET = 30_000;

/** Each distribution's value of a trace, null when the trace is not counted in it. */
const VALUE_OF: Record<HistogramName, (summary: TraceSummary) => number | null> = {
  edge: (summary) => summary.edge.requestTimeMs,
  ingress: (summary) => summary.ingress?.requestTimeMs ?? null,
  edgeMinusIngress: (summary) => summary.edgeMinusIngressMs,
  ingressMinusUpstream: (summary) => summary.ingressMinusUpstreamMs,
};

const CHOICE_FIELDS: TupleFields = { timestamp: 'timestamp', requestTime: 'request_time', upstreamResponseTime: 'upstream_response_time' };

type Context = {
  session: ElasticsearchSession;
  plan: TraceSetFields;
  query: TraceQuery;
  selection: BucketSelection;
  /** What the choice of representatives reads of each tier (and, of the ingress tier, what its filters read). */
  readings: { edge: TupleReading; ingress: TupleReading };
  ingressFilters: IngressFilters | null;
  /** The edge lines the page-order scan reads: those that can represent a trace of the selection. */
  streamFilters: estypes.QueryDslQueryContainer[];
};

/**
 * Where each of these traces sorts (its representative's key) and whether its value lies in the
 * selection (and its ingress representative passes the ingress filters), from aggregated tuples
 * of the fields that choose representatives (no documents read).
 */
async function selectTraces(context: Context, traceIds: readonly string[], accept: (key: EdgeSortKey) => boolean): Promise<EdgeSortKey[]> {
  const { session, plan, query, selection, readings, ingressFilters } = context;
  if (traceIds.length === 0) return [];
  const what = 'looking for the traces of a drill-down';
  const edgeFilters = [...edgeTraceFilters(plan, query), ...termsFilter(plan.edgeTraceId.name, traceIds)];
  const edgeTuples = await fetchTraceTuples(session, 'edge', what, edgeFilters, plan.edgeTraceId.name, readings.edge.sources);
  const edgeRepresentatives = toRepresentatives(groupTuplesByTrace(edgeTuples, 'edge', readings.edge.fields, plan.fields));
  const candidates = [...edgeRepresentatives].filter(([traceId, edge]) => accept([edge.timestampMs, traceId]));
  if (candidates.length === 0) return [];
  const ingressIds = candidates.map(([traceId]) => traceId);
  const ingressTuples = await fetchTraceTuples(session, 'ingress', what, ingressCandidateFilters(plan, query, ingressIds), plan.ingressTraceId.name, readings.ingress.sources);
  const ingressRepresentatives = toRepresentatives(groupTuplesByTrace(ingressTuples, 'ingress', readings.ingress.fields, plan.fields));
  return candidates.flatMap(([traceId, edge]) => {
    const ingress = ingressRepresentatives.get(traceId) ?? null;
    if (!passesIngressFilters(ingressFilters, ingress)) return [];
    const value = VALUE_OF[selection.histogram](toTraceSummary(edge, ingress));
    return value !== null && selectionContains(selection, value) ? [[edge.timestampMs, traceId] as EdgeSortKey] : [];
  });
}

type Scan = { keys: EdgeSortKey[]; after: EdgeSortKey | null; exhausted: boolean };

/**
 * Reads edge lines in page order (only those that can represent a trace of the selection) until `wanted` traces are found, the lines run out, or `budget` lines were
 * read. A trace is found at its representative's key, so each is kept once; lines with the same
 * key as the last one read belong to a trace already handled, and `search_after` on that key
 * loses nothing.
 */
async function scanInPageOrder(context: Context, start: EdgeSortKey | null, wanted: number, budget: number): Promise<Scan> {
  const { session, plan, streamFilters: filters } = context;
  const found = new PageKeys(wanted);
  const handled = new Set<string>();
  let after = start;
  let batch = Math.max(FIRST_BATCH, wanted);
  let read = 0;
  while (found.keys().length < wanted && read < budget) {
    const request = buildOrderedEdgeRequest(filters, plan.edgeTimestamp, plan.edgeTraceId.name, after, batch);
    const { documents } = parseDocuments(await session.search('edge', 'scanning the edge lines of a drill-down', request));
    if (documents.length === 0) return { keys: found.keys(), after, exhausted: true };
    const keys = documents.map((document) => [Math.trunc(Number(document.sort[0])), String(document.sort[1])] as EdgeSortKey);
    const lineKeys = new Set(keys.map(([timestampMs, traceId]) => `${timestampMs}\u0000${traceId}`));
    const traceIds = [...new Set(keys.map(([, traceId]) => traceId))].filter((traceId) => !handled.has(traceId));
    // A trace is taken where its representative sorts, which must be one of the lines just read.
    const selected = await selectTraces(context, traceIds, ([timestampMs, traceId]) => lineKeys.has(`${timestampMs}\u0000${traceId}`));
    for (const key of selected) found.add(key);
    for (const [, traceId] of selected) handled.add(traceId);
    after = keys.at(-1)!;
    read += documents.length;
    if (documents.length < batch) return { keys: found.keys(), after, exhausted: true };
    batch = Math.min(batch * 2, MAX_BATCH);
  }
  return { keys: found.keys(), after, exhausted: false };
}

/**
 * The first `wanted` traces after `after` (page order) whose value lies in the selection, found
 * partition by partition: for a rare bucket this costs one pass over the trace set, however far
 * apart its traces are.
 */
async function findByPartitions(context: Context, after: EdgeSortKey | null, wanted: number, partitions: number): Promise<EdgeSortKey[]> {
  const { session, plan, query } = context;
  const best = new PageKeys(wanted);
  const cursor = after ? { timestampMs: after[0], traceId: after[1] } : null;
  let next = prefetch(fetchPartitionTraces(session, plan, query, 0, partitions));
  for (let partition = 0; partition < partitions; partition += 1) {
    const traceIds = (await next).map((trace) => trace.traceId);
    if (partition + 1 < partitions) next = prefetch(fetchPartitionTraces(session, plan, query, partition + 1, partitions));
    const accept = (key: EdgeSortKey) => isAfterCursor(cursor, key[0], key[1]) && best.accepts(key);
    for (const key of await selectTraces(context, traceIds, accept)) best.add(key);
  }
  return best.keys();
}

/** A gap or ingress bucket is rare enough to list its candidate traces when they are at most this many. */
const MAX_CANDIDATE_TRACES = 20_000;

/**
 * Traces that can be in an ingress-side selection, when few: an ingress value in [a, b) needs an
 * ingress line with request_time in [a, b); ingress − upstream ≥ a > 0 needs request_time ≥ a
 * (upstream times are not negative). Null when the selection allows no such bound or too many
 * traces meet it.
 */
async function fetchIngressCandidates(context: Context, fieldPlan: FieldPlan): Promise<string[] | null> {
  const { session, plan, query, selection } = context;
  const range =
    selection.histogram === 'ingress'
      ? { minMs: selection.fromMs, maxMs: selection.toMs }
      : selection.histogram === 'ingressMinusUpstream' && selection.fromMs !== null && selection.fromMs > 0
        ? { minMs: selection.fromMs, maxMs: null }
        : null;
  if (range === null) return null;
  const requestTime = timingFieldOrThrow(fieldPlan, 'ingress', 'requestTime');
  const window = timeRangeFilter(plan.ingressTimestamp, query.fromMs - JOIN_WINDOW_MARGIN_MS, query.toMs + JOIN_WINDOW_MARGIN_MS);
  let rangeFilters = numericMsRangeFilter(requestTime.name, range.minMs, range.maxMs);
  if (requestTime.kind === 'keyword') {
    const values = await fetchDistinctValues(session, 'ingress', 'listing the ingress request_time values', window, requestTime.name, Number.POSITIVE_INFINITY);
    const { wanted, unwanted } = partitionKeywordValues(values ?? [], range);
    rangeFilters = keywordValuesFilter(requestTime.name, wanted, unwanted);
  }
  const candidates = await fetchDistinctValues(
    session,
    'ingress',
    'listing the candidate traces of a drill-down',
    [...window, ...rangeFilters],
    plan.ingressTraceId.name,
    MAX_CANDIDATE_TRACES,
  );
  return candidates === null ? null : candidates.map(({ value }) => value);
}

/** The edge lines that can represent a trace of the selection. */
async function toStreamFilters(context: Omit<Context, 'streamFilters'>, fieldPlan: FieldPlan): Promise<{ filters: estypes.QueryDslQueryContainer[]; narrowed: boolean }> {
  const { plan, query, selection } = context;
  if (selection.histogram === 'edge') return { filters: edgeTraceFilters(plan, query, { minMs: selection.fromMs, maxMs: selection.toMs }), narrowed: true };
  // edge − ingress ≥ a > 0 needs an edge request_time ≥ a (ingress times are not negative).
  const edgeRange = selection.histogram === 'edgeMinusIngress' && selection.fromMs !== null && selection.fromMs > 0 ? { minMs: selection.fromMs, maxMs: null } : undefined;
  const candidates = await fetchIngressCandidates({ ...context, streamFilters: [] }, fieldPlan);
  const filters = [...edgeTraceFilters(plan, query, edgeRange), ...(candidates ? termsFilter(plan.edgeTraceId.name, candidates) : [])];
  return { filters, narrowed: candidates !== null };
}

/** The rows of these traces, in page order, from their whole lines in both tiers. */
async function fetchRows(context: Context, keys: readonly EdgeSortKey[]): Promise<{ key: EdgeSortKey; summary: TraceSummary }[]> {
  const { session, plan, query } = context;
  const traceIds = keys.map(([, traceId]) => traceId);
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
  const edge = toRepresentatives(groupDocumentsByTrace(edgeDocuments, 'edge', plan.fields));
  const ingress = toRepresentatives(groupDocumentsByTrace(ingressDocuments, 'ingress', plan.fields));
  return keys.flatMap((key) => {
    const representative = edge.get(key[1]);
    return representative ? [{ key, summary: toTraceSummary(representative, ingress.get(key[1]) ?? null) }] : [];
  });
}

/**
 * One page of the traces counted in a histogram range, newest first (edge @timestamp desc, then
 * trace id), after the cursor; one trace beyond the page tells whether another page follows.
 * Edge lines are read in page order, narrowed to those that can represent a trace of the bucket
 * (its edge range; a lower bound on edge request_time for edge − ingress; the traces with a
 * matching ingress line, when few). That finds common buckets and narrowed ones at once; for a
 * rare bucket without such a bound the rest is found partition by partition. Only the page's
 * traces are read as whole documents.
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
  const readingOf = (tier: 'edge' | 'ingress', timestampField: string): TupleReading => ({
    sources: [
      { name: 'timestamp', field: timestampField },
      { name: 'request_time', field: timingFieldOrThrow(fieldPlan, tier, 'requestTime').name },
      { name: 'upstream_response_time', field: timingFieldOrThrow(fieldPlan, tier, 'upstreamResponseTime').name },
    ],
    fields: CHOICE_FIELDS,
  });
  const ingressFilters = toIngressFilters(fieldPlan, query);
  const base = {
    session,
    plan,
    query,
    selection,
    readings: { edge: readingOf('edge', plan.edgeTimestamp), ingress: withIngressFilterSources(readingOf('ingress', plan.ingressTimestamp), ingressFilters) },
    ingressFilters,
  };
  const stream = await toStreamFilters(base, fieldPlan);
  const context: Context = { ...base, streamFilters: stream.filters };
  const wanted = page.limit + 1;
  const start: EdgeSortKey | null = page.cursor ? [page.cursor.timestampMs, page.cursor.traceId] : null;
  // When only candidate lines are read, reading them all is the cheapest way; unless ingress
  // filters may leave few of them, when the partitions bound the cost instead.
  const budget = stream.narrowed && ingressFilters === null ? Number.POSITIVE_INFINITY : SCAN_BUDGET;
  const scan = await scanInPageOrder(context, start, wanted, budget);
  let keys = scan.keys;
  if (keys.length < wanted && !scan.exhausted) {
    const latency = latencyRange(query);
    const validDocuments = requestTimes.validByMs.reduce((sum, { valueMs, count }) => sum + (inRange(latency, valueMs) ? count : 0), 0);
    const partitions = countPartitions(validDocuments, tuning.partitionTraces);
    keys = [...keys, ...(await findByPartitions(context, scan.after, wanted - keys.length, partitions))];
  }
  const rows = await fetchRows(context, keys);
  const traces = rows.slice(0, page.limit).map((row) => row.summary);
  const last = rows[page.limit - 1];
  return { traces, nextCursor: rows.length > page.limit && last ? { timestampMs: last.key[0], traceId: last.key[1] } : null };
}
