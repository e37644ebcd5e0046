import type { Tier } from '@/lib/domain/tiers';
import { groupFieldOrThrow, timingFieldOrThrow, type FieldPlan, type GroupLogicalField, type TimingLogicalField } from '../query-plan';
import type { TupleFields } from '../representatives';
import type { TupleSource } from './build-trace-tuples-request';

/**
 * What triage reads of each tier's lines, beyond what chooses a representative: the timings of
 * the five segments and the connect hop, and the values the correlations and connect groups
 * compare. The edge line carries the request attributes (app, path, method, status), the
 * ingress line the node (host), the pod addresses and proxy_upstream_name.
 */
const TRIAGE_TIMINGS: readonly TimingLogicalField[] = ['requestTime', 'upstreamResponseTime', 'upstreamConnectTime'];
const TRIAGE_GROUPS: Record<Tier, readonly GroupLogicalField[]> = {
  edge: ['host', 'upstreamAddr', 'appName', 'path', 'method', 'status'],
  ingress: ['host', 'upstreamAddr', 'proxyUpstreamName'],
};

/** Composite sources (named by logical field) and the logical field each holds, for groupTuplesByTrace. */
export type TriageTupleSources = { sources: TupleSource[]; fields: TupleFields };

/**
 * The composite sources of a tier's triage tuples, on the fields the mappings resolved (the
 * configured names, or their `.keyword` sub-fields). A field that cannot be aggregated is refused
 * with the reason, as for the histograms.
 */
export function buildTriageTupleSources(plan: FieldPlan, tier: Tier, timestampField: string): TriageTupleSources {
  const sources: TupleSource[] = [
    { name: 'timestamp', field: timestampField },
    ...TRIAGE_TIMINGS.map((logical) => ({ name: logical, field: timingFieldOrThrow(plan, tier, logical).name })),
    ...TRIAGE_GROUPS[tier].map((logical) => ({ name: logical, field: groupFieldOrThrow(plan, tier, logical).name })),
  ];
  const fields: TupleFields = Object.fromEntries(sources.map(({ name }) => [name, name]));
  return { sources, fields };
}
