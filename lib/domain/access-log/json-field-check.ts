import { readField, tierFieldsVariable, type FieldNames, type LogicalField } from '@/lib/domain/field-names';
import type { Tier } from '@/lib/domain/tiers';
import { parseJsonObjectLine } from './json-object-line';

/**
 * Fields every line of a tier must carry, checked on the first lines of JSON files: without them
 * no line can be counted, and the answer would only say every line was skipped. Optional ones
 * (the upstream timings) are not checked: a run of lines without an upstream is ordinary.
 */
const REQUIRED_FIELDS = ['timestamp', 'traceId', 'requestTime'] as const satisfies readonly LogicalField[];

/** Where nginx's own JSON logs and common pipelines keep each of them, to suggest a mapping. */
const USUAL_NAMES: Record<(typeof REQUIRED_FIELDS)[number], readonly string[]> = {
  timestamp: ['@timestamp', 'time_iso8601', 'time', 'timestamp', 'time_local', 'msec', 'ts'],
  traceId: ['trace_id', 'req_id', 'request_id', 'requestID', 'requestId', 'x_request_id', 'x-request-id', 'traceId', 'http.request.id'],
  requestTime: ['request_time', 'requestTime', 'duration', 'latency', 'http.request.time'],
};

/**
 * The required fields that none of the first JSON lines has under its configured name, each with
 * what to do: the tier's own field names variable (HOPSCOPE_EDGE_FIELDS, which leaves the other
 * tier's names alone) when the lines carry the value under a usual name.
 */
export function checkJsonFields(firstLines: readonly string[], fields: FieldNames, tier: Tier): Partial<Record<LogicalField, string>> {
  const docs = firstLines.map(parseJsonObjectLine).filter((doc): doc is Record<string, unknown> => doc !== null);
  if (docs.length === 0) return {};
  const present = (name: string) => docs.some((doc) => readField(doc, name) !== undefined);
  const missing: Partial<Record<LogicalField, string>> = {};
  const variable = tierFieldsVariable(tier);
  for (const field of REQUIRED_FIELDS) {
    if (present(fields[field])) continue;
    const usual = USUAL_NAMES[field].find((name) => name !== fields[field] && present(name));
    missing[field] = usual
      ? `the lines carry "${usual}": set ${variable}='${JSON.stringify({ [field]: usual })}'`
      : `name the field that holds it in ${variable} (e.g. '${JSON.stringify({ [field]: USUAL_NAMES[field][1] })}')`;
  }
  return missing;
}
