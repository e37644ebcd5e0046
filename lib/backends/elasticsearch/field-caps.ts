import type { estypes } from '@elastic/elasticsearch';
import type { FieldNames } from '@/lib/domain/field-names';
import { detectFieldLayout, LAYOUT_MARKER_FIELDS, type FieldLayout } from '@/lib/domain/field-presets';

/**
 * How each field the backend queries is mapped in a tier's indices, detected with `_field_caps`.
 * The timings decide the whole query plan: a numeric request_time is bucketed with a 1 ms
 * histogram, a keyword one is aggregated by its distinct strings and parsed in the server.
 */

export const RESOLVED_FIELDS = [
  'timestamp',
  'traceId',
  'requestTime',
  'upstreamConnectTime',
  'upstreamResponseTime',
  'upstreamAddr',
  'host',
  'appName',
  'path',
  // Read by triage only (its correlations compare them between slow requests and the rest).
  'method',
  'status',
  'proxyUpstreamName',
] as const;
export type ResolvedLogicalField = (typeof RESOLVED_FIELDS)[number];

/**
 * - number: a floating-point type (float, double, scaled_float…), seconds as nginx printed them;
 * - integer: long/integer…, where Elasticsearch truncated the seconds (not usable for timings);
 * - keyword: exact strings, possibly the `.keyword` sub-field of a text field;
 * - conflict: different types in different indices of the pattern.
 */
export type FieldKind = 'number' | 'integer' | 'keyword' | 'date' | 'text' | 'other' | 'unmapped' | 'conflict';

/**
 * `name` is the field to query and aggregate (the `.keyword` sub-field for text); `aggregatable`
 * is false when some index keeps no doc values for it (`doc_values: false`): it can be searched,
 * not aggregated.
 */
export type ResolvedField = { name: string; kind: FieldKind; types: string[]; aggregatable: boolean };

export type TierFieldTypes = Record<ResolvedLogicalField, ResolvedField>;

const KIND_OF_TYPE: Record<string, FieldKind> = {
  float: 'number',
  double: 'number',
  half_float: 'number',
  scaled_float: 'number',
  long: 'integer',
  integer: 'integer',
  short: 'integer',
  byte: 'integer',
  unsigned_long: 'integer',
  keyword: 'keyword',
  constant_keyword: 'keyword',
  wildcard: 'keyword',
  date: 'date',
  date_nanos: 'date',
  text: 'text',
  match_only_text: 'text',
  // A key inside a flattened object: its values are indexed as keywords (see flattenedRootOf).
  flattened: 'keyword',
};

const KEYWORD_SUFFIX = '.keyword';

/**
 * Field caps of every resolved field and its `.keyword` sub-field, over one index pattern, and of
 * the fields that tell the shippers' layouts apart (field-presets.ts), to propose a preset.
 */
export function buildFieldCapsRequest(index: string, fields: FieldNames): estypes.FieldCapsRequest {
  const names = RESOLVED_FIELDS.map((field) => fields[field]);
  return {
    index,
    fields: [...new Set([...names.flatMap((name) => [name, `${name}${KEYWORD_SUFFIX}`, ...parentsOf(name)]), ...LAYOUT_MARKER_FIELDS])],
    ignore_unavailable: true,
    allow_no_indices: true,
  };
}

/** `a.b.c` → `a`, `a.b`: the objects a dotted name may sit in. */
function parentsOf(name: string): string[] {
  const parts = name.split('.');
  return parts.slice(1).map((_part, at) => parts.slice(0, at + 1).join('.'));
}

/**
 * The flattened object a dotted name is a key of, if some index maps one of its parents as
 * `flattened`: field_caps lists that object only, never its keys, which queries and
 * aggregations reach by their full name (`nginx.trace_id` of a flattened `nginx`) as keywords.
 */
function flattenedRootOf(response: estypes.FieldCapsResponse, name: string): string | null {
  return parentsOf(name).find((parent) => response.fields[parent]?.flattened !== undefined) ?? null;
}

/** The field's types over the pattern; a key of a flattened object counts as `flattened` where its object is. */
function typesOf(response: estypes.FieldCapsResponse, name: string): string[] {
  const own = Object.keys(response.fields[name] ?? {}).filter((type) => type !== 'unmapped');
  const root = flattenedRootOf(response, name);
  return [...new Set(root === null ? own : [...own, 'flattened'])].sort();
}

/** Whether every index mapping the field (or the flattened object holding it) can aggregate it. */
function aggregatableIn(response: estypes.FieldCapsResponse, name: string): boolean {
  const root = flattenedRootOf(response, name);
  const own = Object.entries(response.fields[name] ?? {}).every(([type, caps]) => type === 'unmapped' || caps.aggregatable);
  return own && (root === null || response.fields[root]!.flattened!.aggregatable);
}

function resolveField(response: estypes.FieldCapsResponse, name: string): ResolvedField {
  const types = typesOf(response, name);
  if (types.length === 0) return { name, kind: 'unmapped', types, aggregatable: true };
  const kinds = [...new Set(types.map((type) => KIND_OF_TYPE[type] ?? 'other'))];
  if (kinds.length > 1) return { name, kind: 'conflict', types, aggregatable: aggregatableIn(response, name) };
  const kind = kinds[0]!;
  if (kind === 'text') {
    const keyword = `${name}${KEYWORD_SUFFIX}`;
    const keywordTypes = typesOf(response, keyword);
    if (keywordTypes.length > 0 && keywordTypes.every((type) => KIND_OF_TYPE[type] === 'keyword')) {
      return { name: keyword, kind: 'keyword', types, aggregatable: aggregatableIn(response, keyword) };
    }
  }
  return { name, kind, types, aggregatable: aggregatableIn(response, name) };
}

/** The mapping kind of each resolved field in one tier. */
export function parseFieldCaps(response: estypes.FieldCapsResponse, fields: FieldNames): TierFieldTypes {
  return Object.fromEntries(RESOLVED_FIELDS.map((field) => [field, resolveField(response, fields[field])])) as TierFieldTypes;
}

/** Which shipper's layout the answer's mapped fields look like (the markers were asked for). */
export function parseFieldLayout(response: estypes.FieldCapsResponse): FieldLayout {
  return detectFieldLayout(new Set(Object.keys(response.fields).filter((name) => typesOf(response, name).length > 0)));
}
