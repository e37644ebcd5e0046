import 'server-only';
import type { FieldNames } from '@/lib/domain/field-names';
import type { TraceQuery } from '@/lib/domain/query';
import { toTierDocument, type TierDocument } from '@/lib/domain/tier-document';
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
import { fetchDuplicatedTraces } from '../trace-partitions';

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

/**
 * The edge tier's timeline without reading traces: every valid edge line counted per bin, group
 * and connect time by a composite aggregation, then the non-representative lines of duplicated
 * traces (found by trace id, as for the distributions) taken back out.
 */
export async function addEdgeConnectLines(
  session: ElasticsearchSession,
  fieldPlan: FieldPlan,
  plan: TraceSetFields,
  query: TraceQuery,
  options: { groupBy: GroupBy; binMs: number; validDocuments: number },
  builder: ConnectSeriesBuilder,
): Promise<void> {
  const { groupBy, binMs, validDocuments } = options;
  const connectField = timingFieldOrThrow(fieldPlan, 'edge', 'upstreamConnectTime').name;
  const groupField = groupFieldOrThrow(fieldPlan, 'edge', groupBy).name;
  const filters = edgeTraceFilters(plan, query);
  let after: CompositeAfterKey | null = null;
  do {
    const request = buildConnectBinsRequest({ filters, timestampField: plan.edgeTimestamp, binMs, groupField, connectField, after });
    const page = parseConnectBins(await session.search('edge', 'binning the edge connect times', request), CONNECT_BINS_PAGE_SIZE);
    for (const bin of page.bins) {
      const line = toPlottedLine(plan.fields, groupBy, bin.group, bin.connect);
      builder.add(line.group, bin.binStartMs, line.connectMs, bin.count);
    }
    after = page.after;
  } while (after);

  const duplicated = await fetchDuplicatedTraces(session, plan, query, validDocuments);
  if (duplicated.length === 0) return;
  const group = groupBy === 'host' ? 'host' : 'upstream_addr';
  const tuples = await fetchTraceTuples(
    session,
    'edge',
    'reading duplicated edge lines for the connect timeline',
    [...filters, ...termsFilter(plan.edgeTraceId.name, duplicated.map((trace) => trace.traceId))],
    plan.edgeTraceId.name,
    [
      { name: 'timestamp', field: plan.edgeTimestamp },
      { name: 'request_time', field: plan.edgeRequestTime.field },
      { name: 'upstream_response_time', field: timingFieldOrThrow(fieldPlan, 'edge', 'upstreamResponseTime').name },
      { name: 'upstream_connect_time', field: connectField },
      { name: group, field: groupField },
    ],
  );
  const fields = { timestamp: 'timestamp', requestTime: 'request_time', upstreamResponseTime: 'upstream_response_time', upstreamConnectTime: 'upstream_connect_time', [groupBy]: group };
  const binOf = (timestampMs: number) => Math.floor(timestampMs / binMs) * binMs;
  for (const trace of groupTuplesByTrace(tuples, 'edge', fields, plan.fields).values()) {
    const representative = pickRepresentative(trace.valid);
    if (!representative) continue;
    for (const { document, count } of trace.valid) builder.add(groupOf(document, groupBy), binOf(document.timestampMs), document.connectTotalMs, -count);
    builder.add(groupOf(representative, groupBy), binOf(representative.timestampMs), representative.connectTotalMs, 1);
  }
}
