import { tierFieldsVariable, type SourceAliases, type TierFieldNames } from '@/lib/domain/field-names';
import { proposeFieldPreset, type FieldLayout } from '@/lib/domain/field-presets';
import type { Tier } from '@/lib/domain/tiers';
import { MappingError } from './answer-errors';
import type { FieldKind, ResolvedField, TierFieldTypes } from './field-caps';
import type { KeywordValueCount } from './timing-values';

/**
 * Which field each query uses in each tier, checked against the mappings when a query needs it:
 * a mapping the backend cannot answer exactly from is refused with the reason, never answered
 * approximately.
 */

export type FieldPlan = {
  fields: TierFieldNames;
  edge: TierFieldTypes;
  ingress: TierFieldTypes;
  /** How many indices each tier's pattern matched, when known (plans built in unit tests leave it out). */
  matchedIndices?: Record<Tier, number>;
  /** Which shipper's layout each tier's indices hold, when known (field-presets.ts). */
  layouts?: Record<Tier, FieldLayout>;
  /**
   * Where each tier's `_source` keeps fields whose configured names are aliases (field-aliases.ts),
   * in the indices whose mappings could be read; plans built in unit tests leave it out.
   */
  sourceAliases?: Record<Tier, SourceAliases>;
  /** Why some indices' aliases are unknown (mappings not readable), when they are. */
  aliasesUnread?: string;
};

/** Each tier's aliases of a plan: none when not asked. */
export function sourceAliasesOf(plan: FieldPlan): Record<Tier, SourceAliases> {
  return plan.sourceAliases ?? { edge: {}, ingress: {} };
}

/** A field as queried: its name (a `.keyword` sub-field when the field is text) and whether it holds strings. */
export type QueryField = { name: string; isKeyword: boolean };

/**
 * The edge request_time as mapped: numeric (ranges with half-millisecond bounds) or keyword,
 * then restricted by its distinct strings, listed for the query's window.
 */
export type EdgeRequestTime = { kind: 'number'; field: string } | { kind: 'keyword'; field: string; values: readonly KeywordValueCount[] };

export type TraceSetFields = {
  fields: TierFieldNames;
  edgeTraceId: QueryField;
  ingressTraceId: QueryField;
  edgeTimestamp: string;
  ingressTimestamp: string;
  edgeRequestTime: EdgeRequestTime;
  /** How the edge tier maps each field, for the edge dimension filters; plans without it take none. */
  edgeMappings?: TierFieldTypes;
};

/** A field as aggregated (composite sources, terms); absent fields form missing buckets. */
export type AggregatedField = { name: string; kind: FieldKind };

export type TimingLogicalField = 'requestTime' | 'upstreamResponseTime' | 'upstreamConnectTime';
export type GroupLogicalField = 'upstreamAddr' | 'host' | 'appName' | 'path' | 'method' | 'status' | 'proxyUpstreamName';

const describe = (tier: Tier, field: ResolvedField): string => `the ${tier} field ${field.name} is mapped as ${field.types.join(' and ')}`;

/**
 * Floating-point types whose doc values may miss the millisecond: half_float keeps 11 bits (10.123
 * becomes 10.125), scaled_float its scaling factor's digits (0.125 with 100 becomes 0.13). float
 * and double keep it (their values are read with half-millisecond bounds).
 */
const COARSE_NUMBER_TYPES = new Set(['half_float', 'scaled_float']);

/** A field some index keeps no doc values for: searchable, never aggregated. */
const withoutDocValues = (tier: Tier, field: ResolvedField): string =>
  `${describe(tier, field)} without doc values in some index (doc_values: false), so it cannot be aggregated`;

/** A timing field: floating-point seconds, keyword strings, or absent everywhere. */
export function timingFieldOrThrow(plan: FieldPlan, tier: Tier, logical: TimingLogicalField): AggregatedField {
  const field = plan[tier][logical];
  if ((field.kind === 'number' || field.kind === 'keyword') && !field.aggregatable) throw new MappingError(withoutDocValues(tier, field), tier);
  const coarse = field.types.filter((type) => COARSE_NUMBER_TYPES.has(type));
  if (field.kind === 'number' && coarse.length > 0) {
    throw new MappingError(`${describe(tier, field)}: Elasticsearch keeps ${coarse.join(' and ')} values coarser than the millisecond nginx printed`, tier);
  }
  if (field.kind === 'number' || field.kind === 'keyword' || field.kind === 'unmapped') return { name: field.name, kind: field.kind };
  if (field.kind === 'integer') {
    throw new MappingError(`${describe(tier, field)}: Elasticsearch kept whole seconds only; map timings as float, double or keyword`, tier);
  }
  if (field.kind === 'conflict') throw new MappingError(`${describe(tier, field)} in different indices; give it one type in all indices`, tier);
  throw new MappingError(`${describe(tier, field)}, which cannot be aggregated; map timings as float, double or keyword`, tier);
}

/** A text-like field grouped or suggested by its values. */
export function groupFieldOrThrow(plan: FieldPlan, tier: Tier, logical: GroupLogicalField): AggregatedField {
  const resolved = plan[tier][logical];
  const field = exactFieldOrThrow(tier, resolved);
  if (!resolved.aggregatable) throw new MappingError(withoutDocValues(tier, resolved), tier);
  return field;
}

/** A field whose values can be aggregated or matched exactly (term queries): not analyzed text, one type in all indices. */
export function exactFieldOrThrow(tier: Tier, field: ResolvedField): AggregatedField {
  if (field.kind === 'text' || field.kind === 'conflict') {
    throw new MappingError(`${describe(tier, field)}, which cannot be aggregated; map it as keyword (or add a .keyword sub-field)`, tier);
  }
  return { name: field.name, kind: field.kind };
}

export function traceIdFieldOrThrow(plan: FieldPlan, tier: Tier): QueryField {
  const field = plan[tier].traceId;
  if (field.kind === 'keyword' || field.kind === 'unmapped') return { name: field.name, isKeyword: true };
  if (field.kind === 'number' || field.kind === 'integer') return { name: field.name, isKeyword: false };
  throw new MappingError(`${describe(tier, field)}; trace ids must be keyword (or text with a .keyword sub-field)`, tier);
}

export function timestampFieldOrThrow(plan: FieldPlan, tier: Tier): string {
  const field = plan[tier].timestamp;
  // Windows are read by slices counted with a date histogram of it: it must aggregate.
  if (field.kind === 'date' && !field.aggregatable) throw new MappingError(`${withoutDocValues(tier, field)}; @timestamp must keep doc values`, tier);
  if (field.kind === 'date' || field.kind === 'unmapped') return field.name;
  throw new MappingError(`${describe(tier, field)}; @timestamp must be a date`, tier);
}

/**
 * The trace set's fields. A keyword request_time starts without its distinct strings; they are
 * listed per query window (edge-request-times.ts). The edge mappings come along for the edge
 * dimension filters, checked only when a query has one.
 */
export function toTraceSetFields(plan: FieldPlan): TraceSetFields {
  const requestTime = timingFieldOrThrow(plan, 'edge', 'requestTime');
  return {
    fields: plan.fields,
    edgeTraceId: traceIdFieldOrThrow(plan, 'edge'),
    ingressTraceId: traceIdFieldOrThrow(plan, 'ingress'),
    edgeTimestamp: timestampFieldOrThrow(plan, 'edge'),
    ingressTimestamp: timestampFieldOrThrow(plan, 'ingress'),
    edgeMappings: plan.edge,
    edgeRequestTime:
      requestTime.kind === 'keyword' ? { kind: 'keyword', field: requestTime.name, values: [] } : { kind: 'number', field: requestTime.name },
  };
}

/** The fields without which a tier cannot be read at all: its lines' time and trace id, and the edge request_time. */
const REQUIRED_FIELDS: Record<Tier, readonly ('timestamp' | 'traceId' | 'requestTime')[]> = {
  edge: ['timestamp', 'traceId', 'requestTime'],
  ingress: ['timestamp', 'traceId'],
};

/**
 * Refuses a tier whose indices exist but map none of a required field: every line would be
 * skipped or fall outside the window, and an empty answer would hide a wrong field name.
 */
export function requiredFieldsOrThrow(plan: FieldPlan, tier: Tier): void {
  if (!plan.matchedIndices || plan.matchedIndices[tier] === 0) return;
  for (const logical of REQUIRED_FIELDS[tier]) {
    if (plan[tier][logical].kind === 'unmapped') {
      const proposal = plan.layouts ? proposeFieldPreset(tier, plan.layouts, plan.fields[tier]) : null;
      const advice = proposal ?? `check the ${tier} field names (${tierFieldsVariable(tier)}, HOPSCOPE_FIELDS and their _PRESET variables) and the index mapping`;
      throw new MappingError(`no ${tier} index maps the field ${plan[tier][logical].name} (${logical}); ${advice}`, tier);
    }
  }
}
