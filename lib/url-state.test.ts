import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HISTOGRAM_NAMES } from '@/lib/domain/histogram-names';
import { TIMELINE_GROUP_BYS } from '@/lib/domain/connect-timeline';
import {
  COUNT_SCALES,
  DEFAULT_STATE,
  QUERY_KEYS,
  TIME_ZONE_MODES,
  TIMELINE_STATS,
  TRACE_OPTIONAL_COLUMNS,
  TRACE_SORT_KEYS,
  withDimensionFilter,
  describeUnknownPageParameter,
  findDraftIssue,
  findQueryIssues,
  findUnknownPageParameters,
  hasRelativeRange,
  parseInvestigationState,
  toInvestigationHref,
  toPermalinkState,
  toQuerySearchParams,
  toSearchParams,
  toSnapshotViewHref,
  toTraceHref,
  withColumn,
  withDrill,
  withoutParameters,
  withQuery,
  type InvestigationState,
} from './url-state';

const FULL_STATE: InvestigationState = {
  query: {
    from: '2020-11-19T10:00:00+08:00',
    to: '2020-11-19T12:00:00+08:00',
    app: 'shop',
    path: '/app/v1/user/ping',
    latencyMin: '1',
    latencyMax: '3.5',
    bucket: '0.05',
    upper: '5',
  },
  timeZone: 'utc',
  scale: 'linear',
  drill: { histogram: 'ingress', fromMs: 1000, toMs: 1100 },
  cursor: 'eyJ0IjoxLCJpZCI6ImEifQ',
  sort: { key: 'ingress', order: 'asc' },
  columns: ['request', 'ingressUpstream'],
  groupBy: { edge: 'host', ingress: 'upstreamAddr' },
  timelineStat: 'p99',
};

describe('parseInvestigationState', () => {
  it('gives the defaults for an empty URL', () => {
    expect(parseInvestigationState(new URLSearchParams())).toEqual(DEFAULT_STATE);
    expect(parseInvestigationState({})).toEqual(DEFAULT_STATE);
  });

  it('round-trips every piece of state through the URL', () => {
    const params = toSearchParams(FULL_STATE);
    expect(parseInvestigationState(params)).toEqual(FULL_STATE);
    expect(parseInvestigationState(new URLSearchParams(params.toString()))).toEqual(FULL_STATE);
  });

  it('reads Next.js searchParams objects, taking the first of repeated keys', () => {
    const state = parseInvestigationState({ app: ['shop', 'other'], path: undefined, scale: 'linear' });
    expect(state.query).toEqual({ app: 'shop' });
    expect(state.scale).toBe('linear');
  });

  it('drops empty and blank query values', () => {
    expect(parseInvestigationState(new URLSearchParams('app=&path=%20%20&from=now-1h')).query).toEqual({ from: 'now-1h' });
  });

  it('keeps invalid query text so the server can name the parameter', () => {
    const state = parseInvestigationState(new URLSearchParams('latencyMin=abc&from=yesterday'));
    expect(state.query).toEqual({ latencyMin: 'abc', from: 'yesterday' });
    expect(findQueryIssues(state.query).map((issue) => issue.parameter).sort()).toEqual(['from', 'latencyMin']);
  });

  it('falls back to defaults for invalid view parameters', () => {
    const state = parseInvestigationState(
      new URLSearchParams('tz=mars&scale=cubic&sort=nonsense.up&cols=pods,hosts&edgeGroupBy=pod&ingressGroupBy=&stat=p75'),
    );
    expect(state).toEqual(DEFAULT_STATE);
  });

  it('reads open-ended drill-down ranges (underflow and overflow bars)', () => {
    expect(parseInvestigationState(new URLSearchParams('histogram=edgeMinusIngress&toMs=0')).drill).toEqual({
      histogram: 'edgeMinusIngress',
      fromMs: null,
      toMs: 0,
    });
    expect(parseInvestigationState(new URLSearchParams('histogram=edge&fromMs=3500')).drill).toEqual({
      histogram: 'edge',
      fromMs: 3500,
      toMs: null,
    });
  });

  it('ignores a drill-down with an unknown histogram or an empty range, and its cursor with it', () => {
    expect(parseInvestigationState(new URLSearchParams('histogram=upstream&fromMs=0&cursor=x'))).toMatchObject({ drill: null, cursor: null });
    expect(parseInvestigationState(new URLSearchParams('histogram=edge&fromMs=200&toMs=100')).drill).toBeNull();
    expect(parseInvestigationState(new URLSearchParams('histogram=edge&fromMs=1.5')).drill).toBeNull();
  });

  it('defaults the sort order to descending when only a key is given', () => {
    expect(parseInvestigationState(new URLSearchParams('sort=edgeConnect')).sort).toEqual({ key: 'edgeConnect', order: 'desc' });
    expect(parseInvestigationState(new URLSearchParams('sort=ingressHost.asc')).sort).toEqual({ key: 'ingressHost', order: 'asc' });
  });
});

describe('trace-table columns (cols)', () => {
  const columnsOf = (search: string) => parseInvestigationState(new URLSearchParams(search)).columns;

  it('reads the listed optional columns in their canonical order, unknown names dropped', () => {
    expect(columnsOf('cols=ingressUpstream,request')).toEqual(['request', 'ingressUpstream']);
    expect(columnsOf('cols=request,request,hosts')).toEqual(['request']);
    expect(columnsOf('cols=none')).toEqual([]);
  });

  it('falls back to the default for an absent, blank or wholly unknown value', () => {
    for (const search of ['', 'cols=', 'cols=%20', 'cols=hosts,pods', 'cols=,']) expect(columnsOf(search)).toEqual(DEFAULT_STATE.columns);
  });

  it('writes nothing for the default, the list otherwise, and none for no optional column', () => {
    expect(toSearchParams(DEFAULT_STATE).has('cols')).toBe(false);
    expect(toSearchParams(withColumn(DEFAULT_STATE, 'ingressUpstream', true)).get('cols')).toBe(
      'request,edgeMinusIngress,ingressMinusUpstream,ingressUpstream',
    );
    const none = TRACE_OPTIONAL_COLUMNS.reduce((state, column) => withColumn(state, column, false), DEFAULT_STATE);
    expect(none.columns).toEqual([]);
    expect(toSearchParams(none).get('cols')).toBe('none');
  });

  it('withColumn shows or hides one column and keeps the others in order', () => {
    expect(withColumn(DEFAULT_STATE, 'edgeMinusIngress', false).columns).toEqual(['request', 'ingressMinusUpstream']);
    expect(withColumn({ ...DEFAULT_STATE, columns: ['ingressUpstream'] }, 'request', true).columns).toEqual(['request', 'ingressUpstream']);
    expect(withColumn(DEFAULT_STATE, 'request', true).columns).toEqual(DEFAULT_STATE.columns);
  });
});

describe('toSearchParams', () => {
  it('leaves defaults out and writes query keys first, in a stable order', () => {
    const state = withQuery(DEFAULT_STATE, { path: '/x', from: 'now-1h', to: 'now' });
    expect(toSearchParams(state).toString()).toBe('from=now-1h&to=now&path=%2Fx');
    expect(toSearchParams(DEFAULT_STATE).toString()).toBe('');
  });

  it('gives the API only the query parameters', () => {
    expect(toQuerySearchParams(FULL_STATE.query).toString()).toBe(
      'from=2020-11-19T10%3A00%3A00%2B08%3A00&to=2020-11-19T12%3A00%3A00%2B08%3A00&app=shop&path=%2Fapp%2Fv1%2Fuser%2Fping&latencyMin=1&latencyMax=3.5&bucket=0.05&upper=5',
    );
  });
});

describe('links', () => {
  it('builds the investigation link, bare when everything is default', () => {
    expect(toInvestigationHref(DEFAULT_STATE)).toBe('/');
    expect(toInvestigationHref(withQuery(DEFAULT_STATE, { app: 'shop' }))).toBe('/?app=shop');
  });

  it('builds trace links that escape the id and carry the state back', () => {
    expect(toTraceHref('87bad3cf9d184df0:87bad3cf9d184df0:0:1', withQuery(DEFAULT_STATE, { app: 'shop' }))).toBe(
      '/traces/87bad3cf9d184df0%3A87bad3cf9d184df0%3A0%3A1?app=shop',
    );
  });
});

describe('state changes', () => {
  it('withQuery sets, trims and clears keys and resets the drill-down page', () => {
    const next = withQuery(FULL_STATE, { app: '  web ', path: '', latencyMax: undefined });
    expect(next.query.app).toBe('web');
    expect(next.query).not.toHaveProperty('path');
    expect(next.query).not.toHaveProperty('latencyMax');
    expect(next.query.latencyMin).toBe('1');
    expect(next.cursor).toBeNull();
    expect(next.drill).toEqual(FULL_STATE.drill);
  });

  it('withDrill replaces the selection and starts from the newest page', () => {
    const next = withDrill(FULL_STATE, { histogram: 'edge', fromMs: 0, toMs: 100 });
    expect(next.drill).toEqual({ histogram: 'edge', fromMs: 0, toMs: 100 });
    expect(next.cursor).toBeNull();
    expect(withDrill(FULL_STATE, null).drill).toBeNull();
  });
});

describe('permalinks', () => {
  const resolved = { from: '2020-11-19T01:00:00.000Z', to: '2020-11-19T02:00:00.000Z' };

  it('knows which ranges depend on the moment the link is opened', () => {
    expect(hasRelativeRange({})).toBe(true);
    expect(hasRelativeRange({ from: 'now-1h', to: 'now' })).toBe(true);
    expect(hasRelativeRange({ from: '2020-11-19T01:00:00Z', to: 'now' })).toBe(true);
    expect(hasRelativeRange({ from: '2020-11-19T01:00:00Z', to: '2020-11-19T02:00:00Z' })).toBe(false);
  });

  it('pins relative and absent ends to the resolved instants', () => {
    expect(toPermalinkState(withQuery(DEFAULT_STATE, { from: 'now-1h', to: 'now' }), resolved).query).toEqual(resolved);
    expect(toPermalinkState(DEFAULT_STATE, resolved).query).toEqual(resolved);
  });

  it('keeps absolute ends as written, with their offset', () => {
    const state = withQuery(DEFAULT_STATE, { from: '2020-11-19T09:00:00+08:00', to: 'now' });
    expect(toPermalinkState(state, resolved).query).toEqual({ from: '2020-11-19T09:00:00+08:00', to: resolved.to });
  });

  it('keeps all view state in the permalink', () => {
    const pinned = parseInvestigationState(toSearchParams(toPermalinkState(FULL_STATE, resolved)));
    expect(pinned).toEqual(FULL_STATE);
  });
});

describe('properties: the permalink', () => {
  /** Query text as the controls write it: trimmed, non-empty, any characters (URL encoding is the codec's job). */
  const text = fc.string({ minLength: 1, maxLength: 20 }).map((value) => value.trim()).filter((value) => value.length > 0);
  const query = fc.record(Object.fromEntries(QUERY_KEYS.map((key) => [key, text])) as Record<(typeof QUERY_KEYS)[number], fc.Arbitrary<string>>, {
    requiredKeys: [],
  });
  // A snapshot id, or any text (kept as given so the API refuses it).
  const snapshot = fc.option(fc.oneof(fc.stringMatching(/^[0-9a-f]{32}$/), text), { nil: undefined });
  const queryWithSnapshot = fc.tuple(query, snapshot).map(([q, id]) => (id === undefined ? q : { ...q, snapshot: id }));
  const bound = fc.option(fc.integer({ min: -999_999_999, max: 999_999_999 }), { nil: null });
  const drill = fc.option(
    fc
      .record({ histogram: fc.constantFrom(...HISTOGRAM_NAMES), fromMs: bound, toMs: bound })
      .filter((d) => d.fromMs === null || d.toMs === null || d.fromMs < d.toMs),
    { nil: null },
  );
  const state: fc.Arbitrary<InvestigationState> = fc
    .record({
      query: queryWithSnapshot,
      timeZone: fc.constantFrom(...TIME_ZONE_MODES),
      scale: fc.constantFrom(...COUNT_SCALES),
      drill,
      cursor: fc.option(fc.base64String({ minLength: 4, maxLength: 40 }).map((c) => c.replace(/=+$/, '') || 'AAAA'), { nil: null }),
      sort: fc.record({ key: fc.constantFrom(...TRACE_SORT_KEYS), order: fc.constantFrom<'asc' | 'desc'>('asc', 'desc') }),
      columns: fc.subarray([...TRACE_OPTIONAL_COLUMNS]),
      groupBy: fc.record({ edge: fc.constantFrom(...TIMELINE_GROUP_BYS), ingress: fc.constantFrom(...TIMELINE_GROUP_BYS) }),
      timelineStat: fc.constantFrom(...TIMELINE_STATS),
    })
    // A cursor belongs to a drill-down page; without one the state has none.
    .map((s) => ({ ...s, cursor: s.drill ? s.cursor : null }));

  it('parse(serialize(state)) = state, through the URL text too', () => {
    fc.assert(
      fc.property(state, (s) => {
        expect(parseInvestigationState(toSearchParams(s))).toEqual(s);
        const href = toInvestigationHref(s);
        expect(parseInvestigationState(new URL(href, 'http://localhost').searchParams)).toEqual(s);
      }),
      { numRuns: 500 },
    );
  });

  it('every problem found in the query names one of the query parameters', () => {
    fc.assert(
      fc.property(query, (q) => {
        for (const issue of findQueryIssues(q)) {
          expect(QUERY_KEYS).toContain(issue.parameter);
          expect(issue.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary URL parameters never throw and always give a state the URL can hold', () => {
    const key = fc.constantFrom(...QUERY_KEYS, 'snapshot', 'tz', 'scale', 'histogram', 'fromMs', 'toMs', 'cursor', 'sort', 'cols', 'edgeGroupBy', 'ingressGroupBy', 'stat', 'x');
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.string({ maxLength: 12 })), { maxLength: 12 }), (pairs) => {
        const parsed = parseInvestigationState(new URLSearchParams(pairs));
        expect(parseInvestigationState(toSearchParams(parsed))).toEqual(parsed);
      }),
      { numRuns: 500 },
    );
  });
});

describe('dimension filters in the permalink', () => {
  it('reads every filter parameter in order, writes them back after the single-valued keys, and replaces them on a patch', () => {
    const state = parseInvestigationState(new URLSearchParams('filter=ingress.host%3An2&app=shop&filter=-edge.status%3A499&filter=%20'));
    expect(state.query).toEqual({ app: 'shop', filter: ['ingress.host:n2', '-edge.status:499'] });
    expect(toQuerySearchParams(state.query).toString()).toBe('app=shop&filter=ingress.host%3An2&filter=-edge.status%3A499');
    expect(withQuery(state, { filter: [] }).query).toEqual({ app: 'shop' });
    expect(withQuery(state, { app: '' }).query).toEqual({ filter: ['ingress.host:n2', '-edge.status:499'] });
    // Next.js hands a repeated parameter to a page as an array.
    expect(parseInvestigationState({ filter: ['edge.host:a', 'edge.host:b'] }).query.filter).toEqual(['edge.host:a', 'edge.host:b']);
  });

  it('adds one filter for "Filter to this value" / "Exclude", replacing its opposite and never doubling it', () => {
    const state = { ...parseInvestigationState(new URLSearchParams('app=shop&filter=-edge.status%3A499&filter=ingress.host%3An2')), cursor: 'c' };
    const include = withDimensionFilter(state, { field: 'edge.status', value: '499', exclude: false });
    expect(include.query.filter).toEqual(['ingress.host:n2', 'edge.status:499']);
    expect(include.cursor).toBeNull();
    expect(withDimensionFilter(state, { field: 'ingress.host', value: 'n2', exclude: false }).query.filter).toEqual(['-edge.status:499', 'ingress.host:n2']);
    expect(withDimensionFilter(state, { field: 'edge.host', value: 'a', exclude: true }).query).toEqual({ app: 'shop', filter: ['-edge.status:499', 'ingress.host:n2', '-edge.host:a'] });
  });

  it('lets the domain schema find an invalid filter', () => {
    expect(findQueryIssues({ filter: ['edge.hostname:a'] }).map((issue) => issue.parameter)).toEqual(['filter']);
  });
});

describe('unknown page parameters', () => {
  it('finds the parameters a page does not know, says which known one was meant, and links without them', () => {
    const url = new URLSearchParams('from=now-1h&latencymin=1&filter=edge.host%3Aa&filter=edge.host%3Ab&x=1');
    expect(findUnknownPageParameters(url)).toEqual(['latencymin', 'x']);
    expect(findUnknownPageParameters(url, ['x'])).toEqual(['latencymin']);
    expect(findUnknownPageParameters({ app: 'shop', cols: 'none', stat: undefined })).toEqual([]);
    expect(describeUnknownPageParameter('latencymin')).toMatch(/^latencymin: unknown parameter \(did you mean latencyMin\?\); this page accepts from, to, app, /);
    expect(describeUnknownPageParameter('x')).toMatch(/^x: unknown parameter; this page accepts /);
    expect(withoutParameters(url, ['latencymin', 'x']).toString()).toBe('from=now-1h&filter=edge.host%3Aa&filter=edge.host%3Ab');
  });

  it('knows every key the state writes', () => {
    const state = parseInvestigationState(new URLSearchParams('snapshot=0123456789abcdef0123456789abcdef&app=a&filter=edge.host%3Ax&tz=utc&scale=linear&histogram=edge&fromMs=1&toMs=2&cursor=c&sort=edge.asc&cols=none&edgeGroupBy=host&ingressGroupBy=upstreamAddr&stat=p99'));
    expect(findUnknownPageParameters(toSearchParams(state))).toEqual([]);
  });
});

describe('snapshot in the URL', () => {
  const ID = '0123456789abcdef0123456789abcdef';

  it('reads a snapshot id with the query and writes it first, for the API and the page alike', () => {
    const state = parseInvestigationState(new URLSearchParams(`app=shop&snapshot=${ID}&tz=utc`));
    expect(state.query).toEqual({ snapshot: ID, app: 'shop' });
    expect(toQuerySearchParams(state.query).toString()).toBe(`snapshot=${ID}&app=shop`);
    expect(toInvestigationHref(state)).toBe(`/?snapshot=${ID}&app=shop&tz=utc`);
    expect(parseInvestigationState({ snapshot: [ID, 'other'] }).query.snapshot).toBe(ID);
  });

  it('keeps a malformed id as written, so the API refuses it where the view would be', () => {
    expect(parseInvestigationState(new URLSearchParams('snapshot=..%2F..%2Fetc')).query).toEqual({ snapshot: '../../etc' });
    expect(parseInvestigationState(new URLSearchParams('snapshot=%20%20')).query).toEqual({});
  });

  it('is a page key, not an unknown parameter', () => {
    expect(findUnknownPageParameters(new URLSearchParams(`snapshot=${ID}&from=now-1h`))).toEqual([]);
    expect(describeUnknownPageParameter('Snapshot')).toMatch(/did you mean snapshot\?/);
  });

  it('survives filter changes and permalinks; only a patch naming it removes it', () => {
    const state = withQuery(DEFAULT_STATE, { snapshot: ID, from: 'now-1h' });
    expect(withQuery(state, { app: 'shop', filter: ['edge.host:a'] }).query.snapshot).toBe(ID);
    expect(toPermalinkState(state, { from: 'a', to: 'b' }).query.snapshot).toBe(ID);
    expect(toTraceHref('t1', state)).toBe(`/traces/t1?snapshot=${ID}&from=now-1h`);
    expect(withQuery(state, { snapshot: undefined }).query).toEqual({ from: 'now-1h' });
    expect(withQuery(state, { snapshot: ' ' }).query).toEqual({ from: 'now-1h' });
  });

  it('opens a snapshot on the investigation view of its stored query, in the URL\'s own serialization', () => {
    const stored = { to: '2020-11-19T02:00:00.000Z', from: '2020-11-19T01:00:00.000Z', filter: ['ingress.host:n2', '-edge.status:499'], app: 'shop', unknown: 'x' };
    const href = toSnapshotViewHref(ID, stored);
    expect(href).toBe(
      `/?snapshot=${ID}&from=2020-11-19T01%3A00%3A00.000Z&to=2020-11-19T02%3A00%3A00.000Z&app=shop&filter=ingress.host%3An2&filter=-edge.status%3A499`,
    );
    // A snapshot named in the stored query does not override the one being opened.
    expect(toSnapshotViewHref(ID, { snapshot: 'f'.repeat(32) })).toBe(`/?snapshot=${ID}`);
  });
});

describe('draft issues', () => {
  it('refuses a value the schema refuses on its own', () => {
    expect(findDraftIssue({}, 'latencyMin', 'abc')).toBe('latencyMin must be a non-negative number of seconds with at most 3 decimals');
    expect(findDraftIssue({}, 'latencyMin', ' ')).toBeNull();
    expect(findDraftIssue({}, 'latencyMin', '1')).toBeNull();
  });

  it('refuses a latency range that is empty, whichever end is typed', () => {
    expect(findDraftIssue({ latencyMin: '1' }, 'latencyMax', '0.5')).toBe('latencyMin must be below latencyMax');
    expect(findDraftIssue({ latencyMin: '1' }, 'latencyMax', '1')).toBe('latencyMin must be below latencyMax');
    expect(findDraftIssue({ latencyMax: '0.5' }, 'latencyMin', '1')).toBe('latencyMin must be below latencyMax');
    expect(findDraftIssue({ latencyMin: '1' }, 'latencyMax', '1.1')).toBeNull();
    // Clearing one end is always allowed.
    expect(findDraftIssue({ latencyMin: '1', latencyMax: '0.5' }, 'latencyMax', '')).toBeNull();
  });

  it('refuses more buckets than the histograms draw, and leaves an invalid other field to that field', () => {
    expect(findDraftIssue({ upper: '100' }, 'bucket', '0.001')).toBe('upper / bucket gives more than 2000 buckets; widen bucket or lower upper');
    expect(findDraftIssue({}, 'bucket', '0')).toBe('bucket must be at least 0.001 s');
    expect(findDraftIssue({ latencyMax: 'abc' }, 'latencyMin', '1')).toBeNull();
    expect(findDraftIssue({ latencyMin: '1', from: 'garbage' }, 'latencyMax', '2')).toBeNull();
  });
});
