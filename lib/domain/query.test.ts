import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BUCKETS, MAX_SPAN_MS, publicQuerySchema, QUERY_PARAMETERS, resolveQuery, type NormalizedQuery, type QueryResolution } from './query';

/** 2020-11-19T10:00:00Z: 18,585 days (50 years with 12 leap days, then 305 + 18 days) plus 10 h. */
const NOW_MS = (18_585 * 86_400 + 10 * 3_600) * 1_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const LAST_HOUR = { fromMs: NOW_MS - HOUR, toMs: NOW_MS };

/** Parses the query-string parameters and resolves them; the schema must accept them. */
function resolve(params: Record<string, string>, defaultRange = LAST_HOUR): QueryResolution {
  const parsed = publicQuerySchema.safeParse(params);
  if (!parsed.success) throw new Error(`schema refused ${JSON.stringify(params)}: ${parsed.error.message}`);
  return resolveQuery(parsed.data, NOW_MS, defaultRange);
}

function resolveOk(params: Record<string, string>, defaultRange = LAST_HOUR): NormalizedQuery {
  const resolution = resolve(params, defaultRange);
  if (!resolution.ok) throw new Error(`refused: ${resolution.issue.parameter}: ${resolution.issue.message}`);
  return resolution.query;
}

/** The parameter named by the resolution's issue, or null when it was accepted. */
function refusedParameter(params: Record<string, string>, defaultRange = LAST_HOUR): string | null {
  const resolution = resolve(params, defaultRange);
  return resolution.ok ? null : resolution.issue.parameter;
}

/** The parameters the schema names when refusing (each once), or null when it accepts. */
function schemaIssuePaths(params: Record<string, string>): string[] | null {
  const parsed = publicQuerySchema.safeParse(params);
  return parsed.success ? null : [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
}

describe('resolveQuery: defaults', () => {
  it('uses the default range, 100 ms buckets up to 3.5 s and no filters', () => {
    expect(resolveOk({})).toEqual({
      from: '2020-11-19T09:00:00.000Z',
      to: '2020-11-19T10:00:00.000Z',
      fromMs: NOW_MS - HOUR,
      toMs: NOW_MS,
      app: null,
      path: null,
      latencyMinMs: null,
      latencyMaxMs: null,
      filters: [],
      bucketMs: 100,
      upperMs: 3500,
    });
  });

  it('takes the missing end of the range from the default range', () => {
    const defaultRange = { fromMs: NOW_MS - 2 * DAY, toMs: NOW_MS - DAY };
    expect(resolveOk({ to: 'now-36h' }, defaultRange)).toMatchObject({ fromMs: NOW_MS - 2 * DAY, toMs: NOW_MS - 36 * HOUR });
    expect(resolveOk({ from: 'now-30h' }, defaultRange)).toMatchObject({ fromMs: NOW_MS - 30 * HOUR, toMs: NOW_MS - DAY });
  });

  it('checks a default range like any other', () => {
    expect(refusedParameter({}, { fromMs: NOW_MS, toMs: NOW_MS })).toBe('from');
    expect(refusedParameter({}, { fromMs: NOW_MS - 32 * DAY, toMs: NOW_MS })).toBe('to');
  });
});

describe('resolveQuery: time range', () => {
  it.each([
    ['now-15m', 15 * MINUTE],
    ['now-1h', HOUR],
    ['now-24h', DAY],
    ['now-7d', 7 * DAY],
  ])('from=%s to=now', (from, spanMs) => {
    const query = resolveOk({ from, to: 'now' });
    expect(query.fromMs).toBe(NOW_MS - spanMs);
    expect(query.toMs).toBe(NOW_MS);
    expect(query.to).toBe('2020-11-19T10:00:00.000Z');
  });

  it('reads ISO instants with an offset or Z and prints them in UTC', () => {
    const query = resolveOk({ from: '2020-11-19T10:00:00+08:00', to: '2020-11-19T03:30:00Z' });
    expect(query.fromMs).toBe(NOW_MS - 8 * HOUR);
    expect(query.toMs).toBe(NOW_MS - 6 * HOUR - 30 * MINUTE);
    expect(query.from).toBe('2020-11-19T02:00:00.000Z');
    expect(query.to).toBe('2020-11-19T03:30:00.000Z');
  });

  it('trims surrounding spaces', () => {
    expect(resolveOk({ from: ' now-1h ', to: ' now ' })).toMatchObject({ fromMs: NOW_MS - HOUR, toMs: NOW_MS });
  });

  it.each(['2020-11-19T10:00:00', '2020-11-19', 'now-1y', 'tomorrow', '', '   '])('the schema refuses from=%j', (from) => {
    expect(schemaIssuePaths({ from })).toEqual(['from']);
    expect(schemaIssuePaths({ to: from })).toEqual(['to']);
  });

  it('refuses a reversed or empty range, naming from', () => {
    expect(refusedParameter({ from: 'now', to: 'now-1h' })).toBe('from');
    expect(refusedParameter({ from: 'now-1h', to: 'now-60m' })).toBe('from');
    expect(refusedParameter({ from: '2020-11-19T10:00:00+08:00', to: '2020-11-19T02:00:00Z' })).toBe('from');
  });

  it('allows a span of exactly 31 days and refuses a longer one, naming to', () => {
    expect(refusedParameter({ from: 'now-31d', to: 'now' })).toBeNull();
    expect(refusedParameter({ from: 'now-744h', to: 'now' })).toBeNull();
    expect(refusedParameter({ from: 'now-745h', to: 'now' })).toBe('to');
    expect(refusedParameter({ from: 'now-44640m', to: 'now' })).toBeNull();
    expect(refusedParameter({ from: 'now-44641m', to: 'now' })).toBe('to');
    expect(refusedParameter({ from: 'now-32d', to: 'now' })).toBe('to');
  });
});

describe('resolveQuery: buckets', () => {
  it.each([
    ['0.1', 100],
    ['0.001', 1],
    ['0.25', 250],
    ['1', 1000],
    ['2.5', 2500],
    [' 0.05 ', 50],
  ])('bucket=%j is %s ms', (bucket, ms) => {
    expect(resolveOk({ bucket, upper: '2' }).bucketMs).toBe(ms);
  });

  it.each([
    ['3.5', 3500],
    ['10', 10_000],
    ['0.3', 300],
    ['60.001', 60_001],
  ])('upper=%j is %s ms', (upper, ms) => {
    expect(resolveOk({ upper }).upperMs).toBe(ms);
  });

  it.each(['0.0001', '-1', '1e3', '.5', '1.', '1234567', 'abc', '', '1,5'])('the schema refuses bucket=%j and upper=%j', (text) => {
    expect(schemaIssuePaths({ bucket: text })).toEqual(['bucket']);
    expect(schemaIssuePaths({ upper: text })).toEqual(['upper']);
  });

  it('refuses zero widths with the parameter named', () => {
    expect(refusedParameter({ bucket: '0' })).toBe('bucket');
    expect(refusedParameter({ bucket: '0.000' })).toBe('bucket');
    expect(refusedParameter({ upper: '0' })).toBe('upper');
  });

  it('refuses more than 2000 buckets, naming bucket', () => {
    // 3.5 s / 1 ms = 3500 buckets
    expect(refusedParameter({ bucket: '0.001', upper: '3.5' })).toBe('bucket');
    expect(refusedParameter({ bucket: '0.001' })).toBe('bucket');
    // 4 s / 2 ms = 2000 buckets exactly; 4.001 s / 2 ms needs 2001 (the last one cut)
    expect(refusedParameter({ bucket: '0.002', upper: '4' })).toBeNull();
    expect(refusedParameter({ bucket: '0.002', upper: '4.001' })).toBe('bucket');
  });
});

describe('resolveQuery: latency range and filters', () => {
  it('turns seconds into exact milliseconds', () => {
    const query = resolveOk({ latencyMin: '0.3', latencyMax: '1.1' });
    expect(query.latencyMinMs).toBe(300);
    expect(query.latencyMaxMs).toBe(1100);
  });

  it('accepts one bound alone', () => {
    expect(resolveOk({ latencyMin: '2' })).toMatchObject({ latencyMinMs: 2000, latencyMaxMs: null });
    expect(resolveOk({ latencyMax: '0.007' })).toMatchObject({ latencyMinMs: null, latencyMaxMs: 7 });
    expect(resolveOk({ latencyMin: '0' })).toMatchObject({ latencyMinMs: 0, latencyMaxMs: null });
  });

  it('refuses latencyMin at or above latencyMax, naming latencyMin', () => {
    expect(refusedParameter({ latencyMin: '1.1', latencyMax: '1.1' })).toBe('latencyMin');
    expect(refusedParameter({ latencyMin: '2', latencyMax: '1.999' })).toBe('latencyMin');
    expect(refusedParameter({ latencyMin: '1.099', latencyMax: '1.1' })).toBeNull();
  });

  it('the schema refuses a negative or over-precise latency', () => {
    expect(schemaIssuePaths({ latencyMin: '-0.5' })).toEqual(['latencyMin']);
    expect(schemaIssuePaths({ latencyMax: '0.0005' })).toEqual(['latencyMax']);
  });

  it('keeps app and path trimmed', () => {
    expect(resolveOk({ app: ' user-api ', path: '/api/v1/users' })).toMatchObject({ app: 'user-api', path: '/api/v1/users' });
  });

  it('the schema refuses empty or over-long filters', () => {
    expect(schemaIssuePaths({ app: '  ' })).toEqual(['app']);
    expect(schemaIssuePaths({ path: 'x'.repeat(1001) })).toEqual(['path']);
    expect(schemaIssuePaths({ path: 'x'.repeat(1000) })).toBeNull();
  });
});

describe('properties', () => {
  /** Independent of the code: integer seconds times 1000 plus the decimals read as thousandths. */
  const expectedMs = (text: string): number => {
    const [whole = '', fraction = ''] = text.trim().split('.');
    return Number(whole) * 1000 + Number(fraction.padEnd(3, '0'));
  };

  it('any accepted bucket or upper text yields the exact integer milliseconds', () => {
    const secondsLike = fc.stringMatching(/^ ?\d{1,7}(\.\d{0,4})? ?$/);
    fc.assert(
      fc.property(fc.oneof(secondsLike, fc.string()), (text) => {
        const parsed = publicQuerySchema.safeParse({ bucket: text, upper: text });
        if (!parsed.success) return;
        expect(Number.isInteger(parsed.data.bucket)).toBe(true);
        expect(parsed.data.bucket).toBe(expectedMs(text));
        expect(parsed.data.upper).toBe(expectedMs(text));
      }),
      { numRuns: 500 },
    );
  });

  it('accepts every seconds text with up to six integer digits and three decimals', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,6}(\.\d{1,3})?$/), (text) => {
        const parsed = publicQuerySchema.safeParse({ bucket: text });
        expect(parsed.success && parsed.data.bucket).toBe(expectedMs(text));
      }),
    );
  });
});

describe('properties: normalization', () => {
  /** Text in the shapes users paste: valid instants and offsets, relative times, seconds, and noise. */
  const instant = fc
    .integer({ min: NOW_MS - 60 * DAY, max: NOW_MS + DAY })
    .chain((ms) => fc.constantFrom(new Date(ms).toISOString(), new Date(ms).toISOString().replace('Z', '+00:00'), new Date(ms).toISOString().slice(0, 19)));
  const relative = fc.tuple(fc.integer({ min: 0, max: 1_000 }), fc.constantFrom('s', 'm', 'h', 'd', 'w')).map(([n, unit]) => `now-${n}${unit}`);
  const time = fc.oneof(instant, relative, fc.constant('now'), fc.string({ maxLength: 12 }));
  const secondsText = fc.oneof(
    fc.stringMatching(/^\d{1,7}(\.\d{0,4})?$/),
    fc.constantFrom('-1', '0', '0.000', '1e3', 'abc', ' 1 ', ''),
    fc.string({ maxLength: 6 }),
  );
  const params = fc.record(
    {
      from: time,
      to: time,
      app: fc.string({ maxLength: 5 }),
      latencyMin: secondsText,
      latencyMax: secondsText,
      bucket: secondsText,
      upper: secondsText,
    },
    { requiredKeys: [] },
  );

  it('any input is either normalized into a valid query or refused naming a query parameter', () => {
    fc.assert(
      fc.property(params, (input) => {
        const parsed = publicQuerySchema.safeParse(input);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) expect(QUERY_PARAMETERS).toContain(String(issue.path[0]));
          return;
        }
        const resolution = resolveQuery(parsed.data, NOW_MS, LAST_HOUR);
        if (!resolution.ok) {
          expect(QUERY_PARAMETERS).toContain(resolution.issue.parameter);
          expect(resolution.issue.message.length).toBeGreaterThan(0);
          return;
        }
        const q = resolution.query;
        for (const ms of [q.fromMs, q.toMs, q.bucketMs, q.upperMs]) expect(Number.isSafeInteger(ms)).toBe(true);
        expect(q.fromMs).toBeLessThan(q.toMs);
        expect(q.toMs - q.fromMs).toBeLessThanOrEqual(MAX_SPAN_MS);
        expect(q.bucketMs).toBeGreaterThanOrEqual(1);
        expect(Math.ceil(q.upperMs / q.bucketMs)).toBeLessThanOrEqual(MAX_BUCKETS);
        if (q.latencyMinMs !== null && q.latencyMaxMs !== null) expect(q.latencyMinMs).toBeLessThan(q.latencyMaxMs);
        expect([Date.parse(q.from), Date.parse(q.to)]).toEqual([q.fromMs, q.toMs]);
      }),
      { numRuns: 1_000 },
    );
  });

  it('a normalized query, written back as parameters, normalizes to itself', () => {
    const toSeconds = (ms: number) => `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}`;
    fc.assert(
      fc.property(params, (input) => {
        const parsed = publicQuerySchema.safeParse(input);
        if (!parsed.success) return;
        const first = resolveQuery(parsed.data, NOW_MS, LAST_HOUR);
        if (!first.ok) return;
        const q = first.query;
        const written: Record<string, string> = { from: q.from, to: q.to, bucket: toSeconds(q.bucketMs), upper: toSeconds(q.upperMs) };
        if (q.app !== null) written.app = q.app;
        if (q.latencyMinMs !== null) written.latencyMin = toSeconds(q.latencyMinMs);
        if (q.latencyMaxMs !== null) written.latencyMax = toSeconds(q.latencyMaxMs);
        // The default window must not matter: the written query is absolute.
        expect(resolveOk(written, { fromMs: 0, toMs: 1 })).toEqual(q);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('dimension filters in the query', () => {
  it('parses repeated filter parameters into includes and excludes, the value after the first colon', () => {
    const parsed = publicQuerySchema.safeParse({ filter: ['edge.upstreamAddr:10.20.0.12:80', '-ingress.status:504'] });
    expect(parsed.success && resolveQuery(parsed.data, NOW_MS, LAST_HOUR)).toMatchObject({
      ok: true,
      query: {
        filters: [
          { field: 'edge.upstreamAddr', value: '10.20.0.12:80', exclude: false },
          { field: 'ingress.status', value: '504', exclude: true },
        ],
      },
    });
  });

  it('refuses an unknown field or an empty value, naming the filter parameter and the fields', () => {
    for (const text of ['edge.hostname:a', 'edge.host', 'edge.host:', 'host:a']) {
      const parsed = publicQuerySchema.safeParse({ filter: [text] });
      expect(parsed.success, text).toBe(false);
      if (parsed.success) continue;
      expect(parsed.error.issues[0]?.path).toEqual(['filter']);
    }
    const unknown = publicQuerySchema.safeParse({ filter: ['edge.hostname:a'] });
    expect(unknown.success ? '' : unknown.error.issues[0]?.message).toContain('edge.host, edge.upstreamAddr, edge.status, edge.method, ingress.host');
  });
});
