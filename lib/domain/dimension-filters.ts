import type { Tier } from './tiers';

/**
 * Dimension filters: `filter=<field>:<value>` includes the traces whose representative line has
 * that value, `filter=-<field>:<value>` excludes them. Includes of one field are alternatives
 * (any of the values); excludes and different fields must all hold. A trace without an ingress
 * line has no ingress value: it matches no `ingress.*` include and every `ingress.*` exclude.
 */
export const DIMENSION_FIELDS = [
  'edge.host',
  'edge.upstreamAddr',
  'edge.status',
  'edge.method',
  'ingress.host',
  'ingress.upstreamAddr',
  'ingress.upstreamName',
  'ingress.status',
] as const;
export type DimensionField = (typeof DIMENSION_FIELDS)[number];

export type DimensionFilter = { field: DimensionField; value: string; exclude: boolean };

/** The tier whose representative line a field is read from. */
export const dimensionTier = (field: DimensionField): Tier => (field.startsWith('edge.') ? 'edge' : 'ingress');

/** Longest filter value accepted; hosts, addresses and names are far shorter. */
export const MAX_DIMENSION_VALUE_LENGTH = 1_000;
/** Most filters one query may carry. */
export const MAX_DIMENSION_FILTERS = 20;

export type DimensionFilterParse = { ok: true; filter: DimensionFilter } | { ok: false; message: string };

/** `edge.host:edge-nginx-2` or `-ingress.status:504`; the value is everything after the first colon. */
export function parseDimensionFilter(text: string): DimensionFilterParse {
  const exclude = text.startsWith('-');
  const body = exclude ? text.slice(1) : text;
  const colon = body.indexOf(':');
  const field = colon < 0 ? body : body.slice(0, colon);
  if (!(DIMENSION_FIELDS as readonly string[]).includes(field)) {
    return { ok: false, message: `expected <field>:<value> or -<field>:<value> with field one of ${DIMENSION_FIELDS.join(', ')} (got "${text.slice(0, 80)}")` };
  }
  const value = colon < 0 ? '' : body.slice(colon + 1).trim();
  if (value === '') return { ok: false, message: `${field} needs a value after the colon (${field}:<value>)` };
  if (value.length > MAX_DIMENSION_VALUE_LENGTH) return { ok: false, message: `a filter value may be at most ${MAX_DIMENSION_VALUE_LENGTH} characters` };
  return { ok: true, filter: { field: field as DimensionField, value, exclude } };
}

/** The URL form of a filter, the inverse of parseDimensionFilter. */
export function formatDimensionFilter(filter: DimensionFilter): string {
  return `${filter.exclude ? '-' : ''}${filter.field}:${filter.value}`;
}

/**
 * Whether a trace with these representative values passes the filters; `values(field)` is null
 * when the trace has no such value (no ingress line, or the field absent). Used by backends that
 * filter traces in code; the embedded store writes the same rule in SQL.
 */
export function matchesDimensionFilters(filters: readonly DimensionFilter[], values: (field: DimensionField) => string | null): boolean {
  const includes = new Map<DimensionField, string[]>();
  for (const filter of filters) {
    const value = values(filter.field);
    if (filter.exclude) {
      if (value !== null && value === filter.value) return false;
      continue;
    }
    includes.set(filter.field, [...(includes.get(filter.field) ?? []), filter.value]);
  }
  for (const [field, wanted] of includes) {
    const value = values(field);
    if (value === null || !wanted.includes(value)) return false;
  }
  return true;
}

/** Whether any filter reads the ingress line, so the trace set needs the join. */
export const needsIngressJoin = (filters: readonly DimensionFilter[] | undefined): boolean =>
  (filters ?? []).some((filter) => dimensionTier(filter.field) === 'ingress');
