import { beforeAll, describe, expect, it } from 'vitest';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { GET as connectTimeline } from './connect-timeline/route';
import { GET as edgeHistogram } from './histograms/edge/route';
import { GET as histograms } from './histograms/route';
import { GET as suggestions } from './suggestions/route';
import { GET as traces } from './traces/route';
import { GET as trace } from './traces/[traceId]/route';
import { GET as attribution } from './triage/attribution/route';
import { GET as compare } from './triage/compare/route';
import { GET as connectionReuse } from './triage/connection-reuse/route';
import { GET as correlations } from './triage/correlations/route';
import { GET as retransmissions } from './triage/retransmissions/route';
import { GET as summary } from './triage/summary/route';

/**
 * Every endpoint's answer to bad input: 400, code invalid_parameter, the parameter named in
 * `parameter` and at the start of the message, and the message saying what is allowed.
 */

const WINDOW = 'from=2020-11-19T02:00:00Z&to=2020-11-19T03:00:00Z';

type Handler = (request: Request, context: { params: Promise<Record<string, never>> }) => Promise<Response>;
type Case = [endpoint: string, search: string, parameter: string, allowed: string, handler: Handler];

/** Shared query parameters: the same answer on every endpoint that takes them. */
const SHARED: [search: string, parameter: string, allowed: string][] = [
  ['from=yesterday', 'from', 'ISO-8601 instant with offset'],
  ['from=2020-11-19T02:00:00&to=2020-11-19T03:00:00Z', 'from', 'ISO-8601 instant with offset'],
  ['from=2020-02-30T00:00:00Z&to=2020-03-01T00:00:00Z', 'from', 'ISO-8601 instant'],
  ['from=2020-11-19T03:00:00Z&to=2020-11-19T02:00:00Z', 'from', 'from must be before to'],
  ['from=2020-11-19T02:00:00Z&to=2020-11-19T02:00:00Z', 'from', 'from must be before to'],
  ['from=2020-01-01T00:00:00Z&to=2020-03-01T00:00:00Z', 'to', 'at most 31 days (got 60 days)'],
  ['from=now-400d&to=now', 'to', 'at most 31 days'],
  [`${WINDOW}&latencyMin=-1`, 'latencyMin', 'non-negative number of seconds'],
  [`${WINDOW}&latencyMin=abc`, 'latencyMin', 'non-negative number of seconds'],
  [`${WINDOW}&latencyMax=1e3`, 'latencyMax', 'non-negative number of seconds'],
  [`${WINDOW}&latencyMin=0.0001`, 'latencyMin', 'at most 3 decimals'],
  [`${WINDOW}&latencyMin=2&latencyMax=1`, 'latencyMin', 'below latencyMax'],
  [`${WINDOW}&bucket=0.001`, 'bucket', 'more than 2000 buckets'],
  [`${WINDOW}&bucket=0.001&upper=100`, 'bucket', 'more than 2000 buckets'],
  [`${WINDOW}&bucket=0`, 'bucket', 'at least 0.001 s'],
  [`${WINDOW}&upper=-3`, 'upper', 'non-negative number of seconds'],
  [`${WINDOW}&app=${'a'.repeat(1_001)}`, 'app', '1000'],
  [`${WINDOW}&app=a&app=b`, 'app', 'only once'],
  [`${WINDOW}&latencymin=1`, 'latencymin', 'accepts from, to, app, path, latencyMin, latencyMax, bucket, upper'],
];

const SHARED_ENDPOINTS: [string, Handler, string][] = [
  ['histograms', histograms, ''],
  ['histograms/edge', edgeHistogram, ''],
  ['traces', traces, '&histogram=edge'],
  ['connect-timeline', connectTimeline, '&tier=edge'],
  ['suggestions', suggestions, '&field=app'],
  ['triage/summary', summary, ''],
  ['triage/attribution', attribution, ''],
  ['triage/correlations', correlations, ''],
  ['triage/retransmissions', retransmissions, ''],
  ['triage/connection-reuse', connectionReuse, ''],
  ['triage/compare', compare, '&compareFrom=2020-11-19T01:00:00Z&compareTo=2020-11-19T02:00:00Z'],
];

const COMPARE = '&compareFrom=2020-11-19T01:00:00Z&compareTo=2020-11-19T02:00:00Z';

/** Each endpoint's own parameters. */
const OWN: Case[] = [
  // The edge histogram takes the shared parameters only, not the drill-down's histogram.
  ['histograms/edge', `${WINDOW}&histogram=edge`, 'histogram', 'accepts from, to, app, path', edgeHistogram],
  ['traces', `${WINDOW}`, 'histogram', 'edge, ingress, edgeMinusIngress, ingressMinusUpstream', traces],
  ['traces', `${WINDOW}&histogram=total`, 'histogram', 'edge, ingress, edgeMinusIngress, ingressMinusUpstream', traces],
  ['traces', `${WINDOW}&histogram=edge&fromMs=abc`, 'fromMs', 'integer number of milliseconds', traces],
  ['traces', `${WINDOW}&histogram=edge&fromMs=200&toMs=100`, 'fromMs', 'below toMs', traces],
  ['traces', `${WINDOW}&histogram=edge&limit=0`, 'limit', 'between 1 and 500', traces],
  ['traces', `${WINDOW}&histogram=edge&limit=501`, 'limit', 'between 1 and 500', traces],
  ['traces', `${WINDOW}&histogram=edge&limit=99999999`, 'limit', 'whole number', traces],
  ['traces', `${WINDOW}&histogram=edge&limit=-5`, 'limit', 'whole number', traces],
  ['traces', `${WINDOW}&histogram=edge&cursor=not-a-cursor`, 'cursor', 'nextCursor of a previous answer', traces],
  // Valid base64url of JSON, but not a cursor's shape.
  ['traces', `${WINDOW}&histogram=edge&cursor=${Buffer.from('{"t":"x"}').toString('base64url')}`, 'cursor', 'nextCursor', traces],
  ['traces', `${WINDOW}&histogram=edge&cursor=${'A'.repeat(2_001)}`, 'cursor', '2000', traces],
  ['connect-timeline', `${WINDOW}`, 'tier', 'edge, ingress', connectTimeline],
  ['connect-timeline', `${WINDOW}&tier=app`, 'tier', 'edge, ingress', connectTimeline],
  ['connect-timeline', `${WINDOW}&tier=edge&groupBy=path`, 'groupBy', 'upstreamAddr, host', connectTimeline],
  ['suggestions', `${WINDOW}&field=host`, 'field', 'app or path', suggestions],
  ['suggestions', `${WINDOW}&field=app&limit=1000`, 'limit', 'between 1 and 100', suggestions],
  ['suggestions', `${WINDOW}&field=app&limit=abc`, 'limit', 'between 1 and 100', suggestions],
  ['suggestions', `${WINDOW}&field=app&prefix=${'p'.repeat(201)}`, 'prefix', '200 characters', suggestions],
  ['suggestions', `${WINDOW}&field=app&cursor=x`, 'cursor', 'accepts', suggestions],
  ['triage/summary', `${WINDOW}&slow=-1`, 'slow', 'positive number of seconds', summary],
  ['triage/summary', `${WINDOW}&slow=0`, 'slow', 'at least 0.001 s', summary],
  ['triage/summary', `${WINDOW}&limit=51`, 'limit', 'between 1 and 50', summary],
  ['triage/attribution', `${WINDOW}&slow=fast`, 'slow', 'positive number of seconds', attribution],
  ['triage/attribution', `${WINDOW}&limit=5`, 'limit', 'accepts', attribution],
  ['triage/correlations', `${WINDOW}&limit=0`, 'limit', 'between 1 and 50', correlations],
  ['triage/retransmissions', `${WINDOW}&slow=1`, 'slow', 'accepts', retransmissions],
  ['triage/compare', `${WINDOW}`, 'compareFrom', 'ISO-8601', compare],
  ['triage/compare', `${WINDOW}&compareFrom=2020-11-19T01:00:00Z`, 'compareTo', 'ISO-8601', compare],
  ['triage/compare', `${WINDOW}&compareFrom=2020-11-19T02:00:00Z&compareTo=2020-11-19T01:00:00Z`, 'compareFrom', 'before', compare],
  ['triage/compare', `${WINDOW}&compareFrom=2020-01-01T00:00:00Z&compareTo=2020-03-01T00:00:00Z`, 'compareTo', '31 days', compare],
  ['triage/compare', `${WINDOW}${COMPARE}&slow=x`, 'slow', 'positive number of seconds', compare],
];

const CASES: Case[] = [
  ...SHARED_ENDPOINTS.flatMap(([endpoint, handler, extra]) =>
    SHARED.map(([search, parameter, allowed]): Case => [endpoint, `${search}${extra}`, parameter, allowed, handler]),
  ),
  ...OWN,
];

describe('bad input on every /api/v1 endpoint', () => {
  beforeAll(useFixtureBackend);

  it.each(CASES)('%s?%s → 400 naming %s', async (endpoint, search, parameter, allowed, handler) => {
    const { status, body } = await callRoute(handler, `/api/v1/${endpoint}?${search}`);
    expect(status).toBe(400);
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe('invalid_parameter');
    expect(body.error.parameter).toBe(parameter);
    expect(body.error.message.startsWith(`${parameter}: `)).toBe(true);
    expect(body.error.message).toContain(allowed);
  });

  it.each([
    ['an empty id', '', 'empty'],
    ['control characters', 'a\u0000b', 'control characters'],
    ['a newline', 'abc\ndef', 'control characters'],
    ['more than 512 characters', 'x'.repeat(513), '512 characters'],
  ])('traces/{traceId} refuses %s, naming traceId', async (_what, traceId, allowed) => {
    const { status, body } = await callRoute(trace, '/api/v1/traces/x', { traceId: encodeURIComponent(traceId) });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_parameter', parameter: 'traceId' });
    expect(body.error.message).toContain(allowed);
  });

  it('accepts a trace id that is printable but unusual (404, not 400)', async () => {
    const { status, body } = await callRoute(trace, '/api/v1/traces/x', { traceId: encodeURIComponent('a b:0:1/ü') });
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});
