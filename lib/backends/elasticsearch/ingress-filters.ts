import { dimensionTier, matchesDimensionFilters, type DimensionFilter } from '@/lib/domain/dimension-filters';
import type { TraceQuery } from '@/lib/domain/query';
import type { TierDocument } from '@/lib/domain/tier-document';
import { DIMENSION_LOGICAL_FIELDS, dimensionValue, type DimensionLogicalField } from './dimension-filters';
import { groupFieldOrThrow, type FieldPlan } from './query-plan';
import type { TupleFields } from './representatives';
import type { TupleSource } from './requests/build-trace-tuples-request';

/**
 * The query's ingress dimension filters. They select traces by the ingress representative (the
 * join's choice among the trace's ingress lines in the join window), which no query on lines
 * can express, so every join applies them in Node to the representatives it rebuilds from
 * tuples; the tuples must then carry the filtered fields too.
 */
export type IngressFilters = {
  filters: readonly DimensionFilter[];
  /** The composite source each filtered field is read with. */
  reads: readonly { logical: DimensionLogicalField; source: TupleSource }[];
};

/** Composite sources and the logical field each holds, as groupTuplesByTrace reads them. */
export type TupleReading = { sources: readonly TupleSource[]; fields: TupleFields };

/** The query's ingress filters with the tuple sources of their fields; null when it has none. */
export function toIngressFilters(plan: FieldPlan, query: TraceQuery): IngressFilters | null {
  const filters = (query.filters ?? []).filter((filter) => dimensionTier(filter.field) === 'ingress');
  if (filters.length === 0) return null;
  const logicalFields = [...new Set(filters.map((filter) => DIMENSION_LOGICAL_FIELDS[filter.field]))];
  const reads = logicalFields.map((logical) => ({ logical, source: { name: `dimension_${logical}`, field: groupFieldOrThrow(plan, 'ingress', logical).name } }));
  return { filters, reads };
}

/** Whether a trace whose ingress representative is this one (null: none) passes the filters. */
export function passesIngressFilters(filters: IngressFilters | null, representative: TierDocument | null): boolean {
  if (filters === null) return true;
  return matchesDimensionFilters(filters.filters, (field) => (representative === null ? null : dimensionValue(representative, field)));
}

/** A tuple reading with the filtered fields added, those it reads already left as they are. */
export function withIngressFilterSources(reading: TupleReading, filters: IngressFilters | null): TupleReading {
  if (filters === null) return reading;
  const sources = [...reading.sources];
  const fields: TupleFields = { ...reading.fields };
  for (const { logical, source } of filters.reads) {
    if (fields[logical] !== undefined) continue;
    sources.push(source);
    fields[logical] = source.name;
  }
  return { sources, fields };
}
