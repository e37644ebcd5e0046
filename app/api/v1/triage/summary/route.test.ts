import { beforeAll, describe, expect, it } from 'vitest';
import { useTierFilesAsProcessBackend, writeTierFiles } from '@/test-support/ndjson-files';
import { callRoute, useFixtureBackend } from '@/test-support/route-fixture';
import { generateIncident } from '@/scripts/sample/incident-generator';
import { GET } from './route';

const WINDOW = 'from=2020-11-19T02:00:00Z&to=2020-11-19T03:00:00Z';

describe('GET /api/v1/triage/summary on the fixture', () => {
  beforeAll(useFixtureBackend);

  it('leads with the attribution when nothing names a culprit', async () => {
    const { status, body } = await callRoute(GET, `/api/v1/triage/summary?${WINDOW}`);
    expect(status).toBe(200);
    expect(body.retransmissions.findings).toEqual([]);
    expect(body.correlations.flaggedCount).toBe(0);
    expect(body.headlines).toEqual([body.attribution.sentence]);
    expect(body.notices).toEqual([]);
  });

  it('refuses a bad limit with a 400 naming it', async () => {
    const { status, body } = await callRoute(GET, `/api/v1/triage/summary?${WINDOW}&limit=x`);
    expect([status, body.error.parameter]).toEqual([400, 'limit']);
  });
});

describe('GET /api/v1/triage/summary on the sample incident', () => {
  beforeAll(() => {
    // The process backend on a generated incident (20,000 requests, seed 1), as `npm run demo` serves it.
    const { edge, ingress } = generateIncident({ scenario: 'incident', traces: 20_000, seed: 1 });
    useTierFilesAsProcessBackend(writeTierFiles(edge, ingress));
  });

  it('names the node and the 1 s retransmission first, without parameters', async () => {
    const { status, body } = await callRoute(GET, '/api/v1/triage/summary');
    expect(status).toBe(200);
    const [ingress, edge, correlation, attribution] = body.headlines as string[];
    expect(ingress).toMatch(/^[\d,]+ requests \(\d+ %\) have an ingress→app connect of 1\.00–1\.10 s.*through ingress-node-2: a SYN or SYN-ACK was retransmitted/);
    expect(edge).toMatch(/edge→ingress connect of 1\.00–1\.10 s.*to 10\.20\.0\.12:80: a SYN or SYN-ACK was retransmitted/);
    expect(correlation).toMatch(/^ingress host ingress-node-2 /);
    expect(attribution).toMatch(/lost the time connecting from ingress to the app and \d+ % between edge and ingress/);
  });
});

describe('GET /api/v1/triage/summary with lines whose time cannot be read', () => {
  beforeAll(() => {
    const { edge, ingress } = generateIncident({ scenario: 'incident', traces: 2_000, seed: 2 });
    // A date format no reader knows: these ingress lines are in no window, so the verdict goes without them.
    const unreadable = ingress.map((line, index) => (index < 3 ? { ...line, '@timestamp': '19.11.2020 02:13:05' } : line));
    useTierFilesAsProcessBackend(writeTierFiles(edge, unreadable));
  });

  it('says so with the verdict, once, as the histograms do', async () => {
    const { status, body } = await callRoute(GET, '/api/v1/triage/summary');
    expect(status).toBe(200);
    expect(body.notices).toEqual([
      {
        code: 'lines_without_time',
        tier: 'ingress',
        field: '@timestamp',
        lines: 3,
        message:
          "3 ingress lines carry no time hopscope can read in @timestamp (ISO-8601, nginx's $time_local or $msec, epoch seconds or milliseconds): they are in no window, so every answer leaves them out.",
      },
    ]);
  });
});
