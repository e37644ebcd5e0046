import type { FieldNames, LogicalField } from '@/lib/domain/field-names';
import { compareRepresentative, toTierDocument, type TierDocument } from '@/lib/domain/tier-document';
import type { Tier } from '@/lib/domain/tiers';
import type { SkipReason } from '@/lib/domain/trace-counts';
import type { TraceTuple } from './parse/parse-trace-tuples';

/**
 * Documents rebuilt from aggregated tuples (one distinct combination of field values, with the
 * number of documents carrying it) and a trace's representative chosen among them with the
 * domain's own `toTierDocument` and `compareRepresentative`, so validity and order are exactly
 * the domain's.
 */

/** Which logical field each tuple source holds (the trace id source is always `trace_id`). */
export type TupleFields = Partial<Record<LogicalField, string>>;

export type WeightedDocument = { document: TierDocument; count: number };

export type TierTrace = {
  /** Valid documents of the trace, each with how many identical ones there are. */
  valid: WeightedDocument[];
  /** Documents that are not valid, by the field and reason toTierDocument gives. */
  invalid: { field: LogicalField; reason: SkipReason; count: number }[];
};

/** A raw document holding the tuple's values under the configured field names (absent values left out). */
export function toTupleDocument(tuple: TraceTuple, sources: TupleFields, fields: FieldNames): Record<string, unknown> {
  const raw: Record<string, unknown> = { [fields.traceId]: tuple.values.trace_id };
  for (const [logical, source] of Object.entries(sources) as [LogicalField, string][]) {
    const value = tuple.values[source];
    if (value !== null && value !== undefined) raw[fields[logical]] = value;
  }
  return raw;
}

/** Tuples grouped by trace id, each made a document of the tier. */
export function groupTuplesByTrace(tuples: readonly TraceTuple[], tier: Tier, sources: TupleFields, fields: FieldNames): Map<string, TierTrace> {
  const traces = new Map<string, TierTrace>();
  for (const tuple of tuples) {
    const raw = toTupleDocument(tuple, sources, fields);
    const result = toTierDocument(raw, tier, fields);
    if (!result.ok && result.field === 'traceId') continue;
    const traceId = result.ok ? result.document.traceId : String(tuple.values.trace_id);
    const trace = traces.get(traceId) ?? { valid: [], invalid: [] };
    if (result.ok) trace.valid.push({ document: result.document, count: tuple.count });
    else trace.invalid.push({ field: result.field, reason: result.reason, count: tuple.count });
    traces.set(traceId, trace);
  }
  return traces;
}

/**
 * The representative among valid documents: first by compareRepresentative. Documents equal in
 * that order are told apart by their remaining values (as JSON), so the choice never depends on
 * the order Elasticsearch returned them in.
 */
export function pickRepresentative(valid: readonly WeightedDocument[]): TierDocument | null {
  let best: TierDocument | null = null;
  for (const { document } of valid) {
    if (best === null) {
      best = document;
      continue;
    }
    const order = compareRepresentative(document, best);
    if (order < 0 || (order === 0 && JSON.stringify(document.raw) < JSON.stringify(best.raw))) best = document;
  }
  return best;
}

export function countDocuments(documents: readonly { count: number }[]): number {
  return documents.reduce((sum, { count }) => sum + count, 0);
}
