import 'server-only';
import type { estypes } from '@elastic/elasticsearch';
import type { FieldNames } from '@/lib/domain/field-names';
import type { TraceQuery } from '@/lib/domain/query';
import { toTierDocument, type TierDocument } from '@/lib/domain/tier-document';
import type { Tier } from '@/lib/domain/tiers';
import { toTierHopTimes } from '@/lib/domain/trace';
import type { ConnectSeriesBuilder } from '../connect-series';
import { fetchTraceTuples } from '../fetch-tuples';
import { termsFilter } from '../filters';
import { parseConnectBins } from '../parse/parse-connect-bins';
import { groupFieldOrThrow, timingFieldOrThrow, type FieldPlan } from '../query-plan';
import { buildConnectBinsRequest, CONNECT_BINS_PAGE_SIZE } from '../requests/build-connect-bins-request';
import type { CompositeAfterKey } from '../requests/build-keyword-values-request';
import { groupTuplesByTrace, pickRepresentative } from '../representatives';
import type { ElasticsearchSession } from '../session';
import { edgeTraceFilters, type TraceSetFields } from '../trace-set-filters';
import { edgeDuplicateSearch, fetchDuplicatedTraces, prefetch, type DuplicateSearch } from '../trace-partitions';

export type GroupBy = 'upstreamAddr' | 'host';

export const groupOf = (document: TierDocument, groupBy: GroupBy): string | null =>
  groupBy === 'host' ? document.host : toTierHopTimes(document).upstreamAddr;

/**
 * One aggregated line (raw group and connect values) read the way the domain reads a document:
 * the group as `toTierHopTimes` prints it, the connect time as the sum of its attempts.
 */
function toPlottedLine(fields: FieldNames, groupBy: GroupBy, group: unknown, connect: unknown): { group: string | null; connectMs: number | null } {
  const raw: Record<string, unknown> = { [fields.traceId]: 'line', [fields.timestamp]: 0, [fields.requestTime]: 0 };
  if (group !== null) raw[fields[groupBy]] = group;
  if (connect !== null) raw[fields.upstreamConnectTime] = connect;
  const result = toTierDocument(raw, 'edge', fields);
  return result.ok ? { group: groupOf(result.document, groupBy), connectMs: result.document.connectTotalMs } : { group: null, connectMs: null };
}

/** The lines of one tier a timeline counts: those matching `filters`, one per trace. */
export type TimelineLines = { tier: Tier; filters: estypes.QueryDslQueryContainer[]; timestampField: string; traceIdField: string; requestTimeField: string };

/**
 * A tier's timeline without reading traces: every matching line counted per bin, group and
 * connect time by a composite aggregation, then the other lines of duplicated traces (found by
 * trace id, see fetchDuplicatedTraces) taken back out, so each trace counts once, by its
 * representative. `documents`: how many lines match, when known beforehand.
 */
export async function addConnectLinesPerLine(
  session: ElasticsearchSession,
  fieldPlan: FieldPlan,
  fields: FieldNames,
  lines: TimelineLines,
  options: { groupBy: GroupBy; binMs: number; documents?: number },
  builder: ConnectSeriesBuilder,
): Promise<void> {
  const { tier, filters, timestampField, traceIdField, requestTimeField } = lines;
  const { groupBy, binMs } = options;
  const connectField = timingFieldOrThrow(fieldPlan, tier, 'upstreamConnectTime').name;
  const groupField = groupFieldOrThrow(fieldPlan, tier, groupBy).name;
  const binned = (async () => {
    let after: CompositeAfterKey | null = null;
    let documents = 0;
    do {
      const request = buildConnectBinsRequest({ filters, timestampField, binMs, groupField, connectField, after });
      const page = parseConnectBins(await session.search(tier, `binning the ${tier} connect times`, request), CONNECT_BINS_PAGE_SIZE);
      for (const bin of page.bins) {
        const line = toPlottedLine(fields, groupBy, bin.group, bin.connect);
        builder.add(line.group, bin.binStartMs, line.connectMs, bin.count);
        documents += bin.count;
      }
      after = page.after;
    } while (after);
    return documents;
  })();
  // The search for duplicates runs meanwhile; only its fallback needs the number of lines.
  const search: DuplicateSearch = { tier, traceIdField, filters, documents: options.documents ?? prefetch(binned) };
  const [duplicated] = await Promise.all([prefetch(fetchDuplicatedTraces(session, search)), binned]);
  if (duplicated.length === 0) return;
  const group = groupBy === 'host' ? 'host' : 'upstream_addr';
  const tuples = await fetchTraceTuples(
    session,
    tier,
    `reading duplicated ${tier} lines for the connect timeline`,
    [...filters, ...termsFilter(traceIdField, duplicated.map((trace) => trace.traceId))],
    traceIdField,
    [
      { name: 'timestamp', field: timestampField },
      { name: 'request_time', field: requestTimeField },
      { name: 'upstream_response_time', field: timingFieldOrThrow(fieldPlan, tier, 'upstreamResponseTime').name },
      { name: 'upstream_connect_time', field: connectField },
      { name: group, field: groupField },
    ],
  );
  const tupleFields = { timestamp: 'timestamp', requestTime: 'request_time', upstreamResponseTime: 'upstream_response_time', upstreamConnectTime: 'upstream_connect_time', [groupBy]: group };
  const binOf = (timestampMs: number) => Math.floor(timestampMs / binMs) * binMs;
  for (const trace of groupTuplesByTrace(tuples, tier, tupleFields, fields).values()) {
    const representative = pickRepresentative(trace.valid);
    if (!representative) continue;
    for (const { document, count } of trace.valid) builder.add(groupOf(document, groupBy), binOf(document.timestampMs), document.connectTotalMs, -count);
    builder.add(groupOf(representative, groupBy), binOf(representative.timestampMs), representative.connectTotalMs, 1);
  }
}

/** The edge tier's timeline: the trace set's valid edge lines, one per trace. */
export function addEdgeConnectLines(
  session: ElasticsearchSession,
  fieldPlan: FieldPlan,
  plan: TraceSetFields,
  query: TraceQuery,
  options: { groupBy: GroupBy; binMs: number; validDocuments: number },
  builder: ConnectSeriesBuilder,
): Promise<void> {
  const search = edgeDuplicateSearch(plan, query, options.validDocuments);
  const lines: TimelineLines = {
    tier: 'edge',
    filters: edgeTraceFilters(plan, query),
    timestampField: plan.edgeTimestamp,
    traceIdField: search.traceIdField,
    requestTimeField: plan.edgeRequestTime.field,
  };
  return addConnectLinesPerLine(session, fieldPlan, plan.fields, lines, { groupBy: options.groupBy, binMs: options.binMs, documents: options.validDocuments }, builder);
}
