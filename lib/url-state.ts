import { bucketSelectionSchema, type BucketSelection } from '@/lib/domain/drill-down';
import { TIMELINE_GROUP_BYS, type TimelineGroupBy } from '@/lib/domain/connect-timeline';
import { QUERY_PARAMETERS, REPEATABLE_QUERY_PARAMETERS, publicQuerySchema, resolveQuery, type PublicQueryInput, type QueryIssue } from '@/lib/domain/query';
import { isRelativeTime } from '@/lib/domain/time-expression';
import { formatDimensionFilter, type DimensionFilter } from '@/lib/domain/dimension-filters';
import type { Tier } from '@/lib/domain/tiers';

/**
 * The permalink: every piece of view state of the investigation and trace pages, parsed from and
 * written to the URL. The server page and the client controls both go through this module, so a
 * URL means the same thing wherever it is read.
 *
 * Query parameters (from … upper) are kept as the text the user wrote: the server validates them
 * with the domain schema and answers invalid ones with an error naming the parameter, which the
 * page shows. View parameters (tz, scale, drill-down, sort, cols, timeline) fall back to their defaults
 * when invalid, since a bad value there cannot change the numbers.
 */

/** The single-valued query parameters, in the domain schema's order (the API's order too). */
export type QueryKey = Exclude<keyof PublicQueryInput, (typeof REPEATABLE_QUERY_PARAMETERS)[number]>;
export const QUERY_KEYS: readonly QueryKey[] = QUERY_PARAMETERS.filter(
  (key): key is QueryKey => !(REPEATABLE_QUERY_PARAMETERS as readonly string[]).includes(key),
);
/**
 * The shared query of the API and the page, as text; absent keys take the server's defaults.
 * `filter` holds the dimension filters (`edge.host:…`, `-ingress.status:504`), in URL order.
 * `snapshot` names a frozen window (docs/API.md, "Snapshots"): it travels with the query so every
 * request and every link made inside a snapshot reads the snapshot, not the live store.
 */
export type QueryParams = Partial<Record<QueryKey, string>> & { filter?: readonly string[]; snapshot?: string };

/** The URL parameter that names a snapshot. */
export const SNAPSHOT_KEY = 'snapshot';

export const TIME_ZONE_MODES = ['browser', 'utc'] as const;
export type TimeZoneMode = (typeof TIME_ZONE_MODES)[number];

export const COUNT_SCALES = ['linear', 'log'] as const;
export type CountScale = (typeof COUNT_SCALES)[number];

export const TRACE_SORT_KEYS = [
  'time',
  'edge',
  'ingress',
  'edgeMinusIngress',
  'ingressMinusUpstream',
  'edgeConnect',
  'ingressConnect',
  'ingressUpstream',
  'status',
  'ingressStatus',
  'edgeHost',
  'edgeUpstreamAddr',
  'ingressHost',
  'ingressUpstreamAddr',
] as const;
export type TraceSortKey = (typeof TRACE_SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';
export type TraceSort = { key: TraceSortKey; order: SortOrder };

/**
 * The trace table's columns a user may hide or show (`cols`). The columns that name a culprit
 * (hosts, upstream addresses, connect times, statuses) and those that identify a row are always
 * shown, so they are not listed.
 */
export const TRACE_OPTIONAL_COLUMNS = ['request', 'edgeMinusIngress', 'ingressMinusUpstream', 'ingressUpstream'] as const;
export type TraceOptionalColumn = (typeof TRACE_OPTIONAL_COLUMNS)[number];

export const TIMELINE_STATS = ['max', 'p99', 'p50'] as const;
export type TimelineStat = (typeof TIMELINE_STATS)[number];

export type InvestigationState = {
  query: QueryParams;
  /** How instants are shown and typed: the browser's zone (default) or UTC. */
  timeZone: TimeZoneMode;
  /** Count axis of the histograms; log by default so the slow tail shows beside the fast bulk. */
  scale: CountScale;
  /** The open drill-down: one histogram's range of values, or none. */
  drill: BucketSelection | null;
  /** Page of the drill-down list (opaque cursor from the API); null is the newest page. */
  cursor: string | null;
  sort: TraceSort;
  /** The optional trace-table columns shown, in TRACE_OPTIONAL_COLUMNS order. */
  columns: readonly TraceOptionalColumn[];
  groupBy: Record<Tier, TimelineGroupBy>;
  timelineStat: TimelineStat;
};

export const DEFAULT_SORT: TraceSort = { key: 'time', order: 'desc' };
/** The upstream (app) response time is left out by default: the table fits 1440 px without it. */
export const DEFAULT_TRACE_COLUMNS: readonly TraceOptionalColumn[] = ['request', 'edgeMinusIngress', 'ingressMinusUpstream'];
/** `cols=none`: every optional column hidden (an empty value would read as "default"). */
const NO_COLUMNS = 'none';
/** The slow ingress node shows in the edge tier's upstream addresses and in the ingress tier's hosts. */
export const DEFAULT_GROUP_BY: Record<Tier, TimelineGroupBy> = { edge: 'upstreamAddr', ingress: 'host' };
export const DEFAULT_TIMELINE_STAT: TimelineStat = 'max';

export const DEFAULT_STATE: InvestigationState = {
  query: {},
  timeZone: 'browser',
  scale: 'log',
  drill: null,
  cursor: null,
  sort: DEFAULT_SORT,
  columns: DEFAULT_TRACE_COLUMNS,
  groupBy: DEFAULT_GROUP_BY,
  timelineStat: DEFAULT_TIMELINE_STAT,
};

/** The view parameters of the investigation and trace pages (defaults when invalid, see above). */
export const VIEW_KEYS = ['tz', 'scale', 'histogram', 'fromMs', 'toMs', 'cursor', 'sort', 'cols', 'edgeGroupBy', 'ingressGroupBy', 'stat'] as const;
/** Every parameter an investigation or trace page URL may carry. */
export const PAGE_KEYS: readonly string[] = [...QUERY_KEYS, ...REPEATABLE_QUERY_PARAMETERS, SNAPSHOT_KEY, ...VIEW_KEYS];

/** What Next.js hands a page as searchParams, or a URLSearchParams from the browser. */
export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** Every value of a repeatable parameter, trimmed, empty ones left out. */
function readAll(input: SearchParamsInput, key: string): string[] {
  const values = input instanceof URLSearchParams ? input.getAll(key) : [input[key] ?? []].flat();
  return values.map((value) => value.trim()).filter((value) => value !== '');
}

function reader(input: SearchParamsInput): (key: string) => string | undefined {
  if (input instanceof URLSearchParams) return (key) => input.get(key) ?? undefined;
  return (key) => {
    const value = input[key];
    return Array.isArray(value) ? value[0] : value;
  };
}

function oneOf<T extends string>(allowed: readonly T[], value: string | undefined, fallback: T): T {
  return value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function parseDrill(get: (key: string) => string | undefined): BucketSelection | null {
  const histogram = get('histogram');
  if (histogram === undefined) return null;
  const parsed = bucketSelectionSchema.safeParse({ histogram, fromMs: get('fromMs') || undefined, toMs: get('toMs') || undefined });
  if (!parsed.success) return null;
  return { histogram: parsed.data.histogram, fromMs: parsed.data.fromMs ?? null, toMs: parsed.data.toMs ?? null };
}

function parseSort(text: string | undefined): TraceSort {
  const [key, order] = (text ?? '').split('.');
  return {
    key: oneOf(TRACE_SORT_KEYS, key, DEFAULT_SORT.key),
    order: order === 'asc' ? 'asc' : 'desc',
  };
}

/** The listed columns in their canonical order; unknown names dropped, and nothing known at all means the default. */
function parseColumns(text: string | undefined): readonly TraceOptionalColumn[] {
  const value = text?.trim();
  if (!value) return DEFAULT_TRACE_COLUMNS;
  if (value === NO_COLUMNS) return [];
  const named = new Set(value.split(','));
  const columns = TRACE_OPTIONAL_COLUMNS.filter((column) => named.has(column));
  return columns.length > 0 ? columns : DEFAULT_TRACE_COLUMNS;
}

const sameColumns = (a: readonly TraceOptionalColumn[], b: readonly TraceOptionalColumn[]) =>
  a.length === b.length && a.every((column, index) => column === b[index]);

/** Shows or hides one optional column, keeping the canonical order. */
export function withColumn(state: InvestigationState, column: TraceOptionalColumn, shown: boolean): InvestigationState {
  const columns = TRACE_OPTIONAL_COLUMNS.filter((c) => (c === column ? shown : state.columns.includes(c)));
  return { ...state, columns };
}

/** Reads the whole view state from a URL's search parameters. */
export function parseInvestigationState(input: SearchParamsInput): InvestigationState {
  const get = reader(input);
  const query: QueryParams = {};
  const snapshot = get(SNAPSHOT_KEY)?.trim();
  if (snapshot) query.snapshot = snapshot;
  for (const key of QUERY_KEYS) {
    const value = get(key)?.trim();
    if (value) query[key] = value;
  }
  const filters = readAll(input, 'filter');
  if (filters.length > 0) query.filter = filters;
  const drill = parseDrill(get);
  return {
    query,
    timeZone: oneOf(TIME_ZONE_MODES, get('tz'), DEFAULT_STATE.timeZone),
    scale: oneOf(COUNT_SCALES, get('scale'), DEFAULT_STATE.scale),
    drill,
    cursor: drill ? (get('cursor')?.trim() || null) : null,
    sort: parseSort(get('sort')),
    columns: parseColumns(get('cols')),
    groupBy: {
      edge: oneOf(TIMELINE_GROUP_BYS, get('edgeGroupBy'), DEFAULT_GROUP_BY.edge),
      ingress: oneOf(TIMELINE_GROUP_BYS, get('ingressGroupBy'), DEFAULT_GROUP_BY.ingress),
    },
    timelineStat: oneOf(TIMELINE_STATS, get('stat'), DEFAULT_TIMELINE_STAT),
  };
}

/** Problems the domain schema finds in the query parameters, so controls can mark them. */
export function findQueryIssues(query: QueryParams): QueryIssue[] {
  const parsed = publicQuerySchema.safeParse(query);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({ parameter: String(issue.path[0] ?? ''), message: issue.message }));
}

/** The values the domain checks against each other (resolveQuery), besides each on its own. */
const RANGE_KEYS = ['latencyMin', 'latencyMax', 'bucket', 'upper'] as const satisfies readonly QueryKey[];

/**
 * Why a control's draft may not be committed: the value alone fails the schema, or it clashes with
 * the query's other latency and histogram values as the API would find (latencyMin not below
 * latencyMax, more than MAX_BUCKETS buckets). null when it may (an empty draft is the default).
 * A clash with a value that is itself invalid is left to that value's own field.
 */
export function findDraftIssue(query: QueryParams, key: QueryKey, text: string): string | null {
  const value = text.trim();
  if (value === '') return null;
  const own = findQueryIssues({ [key]: value })[0];
  if (own) return own.message;
  if (!(RANGE_KEYS as readonly string[]).includes(key)) return null;
  const candidate: QueryParams = {};
  for (const each of RANGE_KEYS) {
    const eachValue = each === key ? value : query[each];
    if (eachValue) candidate[each] = eachValue;
  }
  const parsed = publicQuerySchema.safeParse(candidate);
  if (!parsed.success) return null;
  // No from/to in the candidate: the dummy default window passes, and only the range rules speak.
  const resolved = resolveQuery(parsed.data, 0, { fromMs: 0, toMs: 1 });
  return resolved.ok ? null : resolved.issue.message;
}

/** The query parameters alone, in a stable order (the snapshot first): what the API endpoints receive. */
export function toQuerySearchParams(query: QueryParams): URLSearchParams {
  const params = new URLSearchParams();
  if (query.snapshot) params.set(SNAPSHOT_KEY, query.snapshot);
  for (const key of QUERY_KEYS) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  for (const filter of query.filter ?? []) params.append('filter', filter);
  return params;
}

/** The full state as search parameters, defaults left out so URLs stay short and stable. */
export function toSearchParams(state: InvestigationState): URLSearchParams {
  const params = toQuerySearchParams(state.query);
  if (state.timeZone !== DEFAULT_STATE.timeZone) params.set('tz', state.timeZone);
  if (state.scale !== DEFAULT_STATE.scale) params.set('scale', state.scale);
  if (state.drill) {
    params.set('histogram', state.drill.histogram);
    if (state.drill.fromMs !== null) params.set('fromMs', String(state.drill.fromMs));
    if (state.drill.toMs !== null) params.set('toMs', String(state.drill.toMs));
    if (state.cursor) params.set('cursor', state.cursor);
  }
  if (state.sort.key !== DEFAULT_SORT.key || state.sort.order !== DEFAULT_SORT.order) {
    params.set('sort', `${state.sort.key}.${state.sort.order}`);
  }
  if (!sameColumns(state.columns, DEFAULT_TRACE_COLUMNS)) params.set('cols', state.columns.length > 0 ? state.columns.join(',') : NO_COLUMNS);
  if (state.groupBy.edge !== DEFAULT_GROUP_BY.edge) params.set('edgeGroupBy', state.groupBy.edge);
  if (state.groupBy.ingress !== DEFAULT_GROUP_BY.ingress) params.set('ingressGroupBy', state.groupBy.ingress);
  if (state.timelineStat !== DEFAULT_TIMELINE_STAT) params.set('stat', state.timelineStat);
  return params;
}

const withQuestionMark = (params: URLSearchParams): string => {
  const text = params.toString();
  return text ? `?${text}` : '';
};

/** Link to the investigation page showing this state. */
export function toInvestigationHref(state: InvestigationState): string {
  return `/${withQuestionMark(toSearchParams(state))}`;
}

/**
 * The investigation view of a snapshot (where `/s/<id>` leads): the query it was taken with, its
 * window pinned, read as a page URL with the snapshot's id, so the URL is the state's own
 * serialization. Keys the page does not know are left out.
 */
export function toSnapshotViewHref(id: string, query: Readonly<Record<string, string | readonly string[]>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) for (const each of typeof value === 'string' ? [value] : value) params.append(key, each);
  params.set(SNAPSHOT_KEY, id);
  return toInvestigationHref(parseInvestigationState(params));
}

/** Link to a trace's page that keeps the investigation's state for the way back. */
export function toTraceHref(traceId: string, state: InvestigationState): string {
  return `/traces/${encodeURIComponent(traceId)}${withQuestionMark(toSearchParams(state))}`;
}

/**
 * A state change caused by new filters: the drill-down page cursor only makes sense for the
 * query it came from, so it is dropped whenever the query or the selected bucket changes. The
 * snapshot is kept unless the patch names it (`{ snapshot: undefined }` leaves it: the live view).
 */
export function withQuery(state: InvestigationState, patch: QueryParams): InvestigationState {
  const query: QueryParams = { ...state.query };
  if (SNAPSHOT_KEY in patch) {
    const snapshot = patch.snapshot?.trim();
    if (snapshot) query.snapshot = snapshot;
    else delete query.snapshot;
  }
  for (const key of QUERY_KEYS) {
    if (!(key in patch)) continue;
    const value = patch[key]?.trim();
    if (value) query[key] = value;
    else delete query[key];
  }
  if ('filter' in patch) {
    const filters = (patch.filter ?? []).map((filter) => filter.trim()).filter((filter) => filter !== '');
    if (filters.length > 0) query.filter = filters;
    else delete query.filter;
  }
  return { ...state, query, cursor: null };
}

/**
 * The state with one more dimension filter, the window and the other filters kept ("Filter to
 * this value" / "Exclude" wherever a host, address or status is shown). The opposite filter on the
 * same value is dropped: including and excluding one value would match nothing.
 */
export function withDimensionFilter(state: InvestigationState, filter: DimensionFilter): InvestigationState {
  const added = formatDimensionFilter(filter);
  const opposite = formatDimensionFilter({ ...filter, exclude: !filter.exclude });
  const kept = (state.query.filter ?? []).filter((text) => text !== opposite);
  return withQuery(state, { filter: kept.includes(added) ? kept : [...kept, added] });
}

/** Link to the investigation page with one more dimension filter (see withDimensionFilter). */
export function toDimensionFilterHref(state: InvestigationState, filter: DimensionFilter): string {
  return toInvestigationHref(withDimensionFilter(state, filter));
}

/** Opens (or, with null, closes) a drill-down on a histogram range, from its newest page. */
export function withDrill(state: InvestigationState, drill: BucketSelection | null): InvestigationState {
  return { ...state, drill, cursor: null };
}

/** Whether from/to depend on when the URL is opened ("now-1h", or absent: the server's default window). */
export function hasRelativeRange(query: QueryParams): boolean {
  return !query.from || !query.to || isRelativeTime(query.from) || isRelativeTime(query.to);
}

/**
 * The permalink: the same state with the time range pinned to the absolute instants the server
 * resolved, so the link shows the same data whenever and wherever it is opened.
 */
export function toPermalinkState(state: InvestigationState, resolved: { from: string; to: string }): InvestigationState {
  const pin = (text: string | undefined, instant: string) => (text && !isRelativeTime(text) ? text : instant);
  return { ...state, query: { ...state.query, from: pin(state.query.from, resolved.from), to: pin(state.query.to, resolved.to) } };
}

/**
 * The parameters of a page URL that the page does not know (`latencymin`), refused as the API
 * refuses them: a misspelt filter would otherwise be dropped and the page would show another
 * trace set than the one asked for. `extraKeys` are a page's own (the triage page's).
 */
export function findUnknownPageParameters(input: SearchParamsInput, extraKeys: readonly string[] = []): string[] {
  const keys = input instanceof URLSearchParams ? [...new Set(input.keys())] : Object.keys(input).filter((key) => input[key] !== undefined);
  return keys.filter((key) => !PAGE_KEYS.includes(key) && !extraKeys.includes(key));
}

/** "latencymin: unknown parameter; this page accepts …", with the known key it was probably meant for. */
export function describeUnknownPageParameter(key: string, extraKeys: readonly string[] = []): string {
  const known = [...PAGE_KEYS, ...extraKeys];
  const meant = known.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
  return `${key}: unknown parameter${meant ? ` (did you mean ${meant}?)` : ''}; this page accepts ${known.join(', ')}`;
}

/** The same URL without the given parameters: the link a refusal offers. */
export function withoutParameters(input: SearchParamsInput, keys: readonly string[]): URLSearchParams {
  const params = new URLSearchParams();
  const entries = input instanceof URLSearchParams ? [...input.entries()] : Object.entries(input).flatMap(([key, value]) => [value ?? []].flat().map((each) => [key, each] as [string, string]));
  for (const [key, value] of entries) if (!keys.includes(key)) params.append(key, value);
  return params;
}
