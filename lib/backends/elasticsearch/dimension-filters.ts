import type { estypes } from '@elastic/elasticsearch';
import { dimensionTier, type DimensionField, type DimensionFilter } from '@/lib/domain/dimension-filters';
import { formatNginxList } from '@/lib/domain/nginx-value';
import type { TierDocument } from '@/lib/domain/tier-document';
import type { TierFieldTypes } from './field-caps';
import { matchNoneFilter, notTermsFilter, termsFilter } from './filters';
import { exactFieldOrThrow, type AggregatedField, type GroupLogicalField } from './query-plan';

/**
 * Dimension filters (lib/domain/dimension-filters.ts) on Elasticsearch. An edge filter selects
 * edge lines, as app and path do, so it goes into every request on edge lines as a term query;
 * an ingress filter selects traces by their ingress representative, which only the join knows,
 * so it is applied in Node (ingress-filters.ts).
 */

type Query = estypes.QueryDslQueryContainer;

/** The logical field (field-names.ts) each dimension field reads in its tier. */
export const DIMENSION_LOGICAL_FIELDS = {
  'edge.host': 'host',
  'edge.upstreamAddr': 'upstreamAddr',
  'edge.status': 'status',
  'edge.method': 'method',
  'ingress.host': 'host',
  'ingress.upstreamAddr': 'upstreamAddr',
  'ingress.upstreamName': 'proxyUpstreamName',
  'ingress.status': 'status',
} as const satisfies Record<DimensionField, GroupLogicalField>;

export type DimensionLogicalField = (typeof DIMENSION_LOGICAL_FIELDS)[DimensionField];

/** Each logical field's value in a document as the domain normalized it (toTierDocument). */
const VALUE_OF: Record<DimensionLogicalField, (document: TierDocument) => string | null> = {
  host: (document) => document.host,
  upstreamAddr: (document) => formatNginxList(document.upstreamAddrs),
  // toTierDocument keeps a status only when it is three digits; "042" stays "042".
  status: (document) => (document.status === null ? null : String(document.status).padStart(3, '0')),
  method: (document) => document.method,
  proxyUpstreamName: (document) => document.proxyUpstreamName,
};

/** A document's value of a dimension field; null when it has none. */
export function dimensionValue(document: TierDocument, field: DimensionField): string | null {
  return VALUE_OF[DIMENSION_LOGICAL_FIELDS[field]](document);
}

/**
 * Whether a stored value equal to `value` is read by the domain as `value` itself. "-" is no
 * value for a text field (it is one for an address list: nginx prints "-" for a missing
 * attempt); a status counts only as three digits; a number field holds no other text (and a
 * term query of text on it would be refused).
 */
function canMatch(logical: DimensionLogicalField, field: AggregatedField, value: string): boolean {
  if (logical === 'status') return /^\d{3}$/.test(value);
  if ((field.kind === 'number' || field.kind === 'integer') && !/^-?\d+(\.\d+)?$/.test(value)) return false;
  return logical === 'upstreamAddr' || value !== '-';
}

/**
 * The edge dimension filters as clauses for `bool.filter`: includes of a field as one `terms`
 * (alternatives), excludes as `must_not` (a line without the field passes them). Values are
 * compared as stored, on the keyword field the mappings resolved: a stored value with blanks
 * around it, another list separator than nginx's ", ", or an array is not normalized as the
 * domain would (the same holds for app and path). `mappings` may be absent only for a query
 * without edge filters.
 */
export function edgeDimensionFilters(filters: readonly DimensionFilter[] | undefined, mappings: TierFieldTypes | undefined): Query[] {
  const edgeFilters = (filters ?? []).filter((filter) => dimensionTier(filter.field) === 'edge');
  if (edgeFilters.length === 0) return [];
  if (!mappings) throw new Error('edge dimension filters need the edge mappings (toTraceSetFields)');
  const includes = new Map<DimensionField, { name: string; values: string[] }>();
  const excludes = new Map<DimensionField, { name: string; values: string[] }>();
  for (const { field, value, exclude } of edgeFilters) {
    const logical = DIMENSION_LOGICAL_FIELDS[field];
    const resolved = exactFieldOrThrow('edge', mappings[logical]);
    const byField = exclude ? excludes : includes;
    const entry = byField.get(field) ?? { name: resolved.name, values: [] };
    // An include no stored value can meet still counts: the field's other includes may match, or none.
    if (canMatch(logical, resolved, value)) entry.values.push(value);
    byField.set(field, entry);
  }
  return [
    ...[...includes.values()].flatMap(({ name, values }) => (values.length > 0 ? termsFilter(name, values) : matchNoneFilter())),
    ...[...excludes.values()].flatMap(({ name, values }) => notTermsFilter(name, values)),
  ];
}

