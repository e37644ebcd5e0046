import 'server-only';
import type { BucketSelection, TracePage, TracePageRequest } from '@/lib/domain/drill-down';
import { selectionContains } from '@/lib/domain/drill-down';
import type { HistogramName } from '@/lib/domain/histogram-names';
import type { TraceQuery } from '@/lib/domain/query';
import { toTraceSummary, type TraceSummary } from '@/lib/domain/trace';
import { fetchEdgeRequestTimes } from '../edge-request-times';
import { fetchDocumentsOfTraces, groupDocumentsByTrace, toRepresentatives } from '../fetch-documents';
import { parseDocuments } from '../parse/parse-documents';
import { toTraceSetFields, type FieldPlan } from '../query-plan';
import { buildOrderedEdgeRequest, type EdgeSortKey } from '../requests/build-ordered-edge-request';
import type { ElasticsearchSession } from '../session';
import { edgeTraceFilters, ingressCandidateFilters, type TraceSetFields } from '../trace-set-filters';

const FIRST_BATCH = 200;
const MAX_BATCH = 5_000;

/** Each distribution's value of a trace, null when the trace is not counted in it. */
const VALUE_OF: Record<HistogramName, (summary: TraceSummary) => number | null> = {
  edge: (summary) => summary.edge.requestTimeMs,
  ingress: (summary) => summary.ingress?.requestTimeMs ?? null,
  edgeMinusIngress: (summary) => summary.edgeMinusIngressMs,
  ingressMinusUpstream: (summary) => summary.ingressMinusUpstreamMs,
};

type Row = { key: EdgeSortKey; summary: TraceSummary };

/** Rows of one batch of edge lines (in page order) whose trace is counted in the selection. */
async function rowsOfBatch(
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
    // Rows show the ingress hop for every histogram, so it is read for all.
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
    // A trace takes its place at its representative's @timestamp, once.
    if (!edge || edge.timestampMs !== timestampMs || seen.has(traceId)) continue;
    seen.add(traceId);
    const summary = toTraceSummary(edge, ingressRepresentatives.get(traceId) ?? null);
    const value = VALUE_OF[selection.histogram](summary);
    if (value !== null && selectionContains(selection, value)) rows.push({ key, summary });
  }
  return rows;
}

/**
 * One page of the traces counted in a histogram range, newest first. Edge lines are read in page
 * order (for the edge histogram only those in the range); each batch's traces are completed with
 * all their lines in both tiers, and a trace is listed where its representative line sorts, if its
 * value lies in the range. One row beyond the page tells whether another page follows.
 */
export async function fetchBucketTraces(
  session: ElasticsearchSession,
  fieldPlan: FieldPlan,
  query: TraceQuery,
  selection: BucketSelection,
  page: TracePageRequest,
): Promise<TracePage> {
  const { plan } = await fetchEdgeRequestTimes(session, toTraceSetFields(fieldPlan), query);
  const streamFilters =
    selection.histogram === 'edge' ? edgeTraceFilters(plan, query, { minMs: selection.fromMs, maxMs: selection.toMs }) : edgeTraceFilters(plan, query);
  const rows: Row[] = [];
  const seen = new Set<string>();
  let after: EdgeSortKey | null = page.cursor ? [page.cursor.timestampMs, page.cursor.traceId] : null;
  let batch = Math.max(FIRST_BATCH, page.limit + 1);
  while (rows.length <= page.limit) {
    const request = buildOrderedEdgeRequest(streamFilters, plan.edgeTimestamp, plan.edgeTraceId.name, after, batch);
    const { documents } = parseDocuments(await session.search('edge', 'scanning the edge lines of a drill-down', request));
    if (documents.length === 0) break;
    const keys = documents.map((document) => [Number(document.sort[0]), String(document.sort[1])] as EdgeSortKey);
    rows.push(...(await rowsOfBatch(session, plan, query, selection, keys, seen)));
    after = keys.at(-1)!;
    if (documents.length < batch) break;
    batch = Math.min(batch * 2, MAX_BATCH);
  }
  const traces = rows.slice(0, page.limit).map((row) => row.summary);
  const last = rows[page.limit - 1];
  return { traces, nextCursor: rows.length > page.limit && last ? { timestampMs: last.key[0], traceId: last.key[1] } : null };
}
