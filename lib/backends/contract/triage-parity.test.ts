import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckdbBackend } from '@/lib/backends/duckdb';
import type { LatencyBackend } from '@/lib/backends/types';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';

import { getAttribution } from '@/lib/services/triage/get-attribution';
import { getConnectionReuse } from '@/lib/services/triage/get-connection-reuse';
import { getCorrelations } from '@/lib/services/triage/get-correlations';
import { getRetransmissions } from '@/lib/services/triage/get-retransmissions';
import { getTriageSummary } from '@/lib/services/triage/get-triage-summary';
import { getWindowComparison } from '@/lib/services/triage/get-window-comparison';
import { seedElasticsearchBackend } from '@/test-support/elasticsearch-node';
import { writeTierFiles } from '@/test-support/ndjson-files';
import { generateIncident } from '@/scripts/sample/incident-generator';
import type { ScenarioName } from '@/scripts/sample/scenarios';
import type { OpenedBackend } from './backend-contract';

/**
 * Triage parity: the same generated documents in DuckDB and in the real Elasticsearch node give
 * identical answers from every triage service (attribution, correlations, retransmissions,
 * connection reuse, window comparison and the first-screen summary), on a dataset with a known
 * culprit (incident: one slow ingress node) and on datasets without one. Each answer is also
 * checked for the decision the issue asks for, so the two stores cannot agree on a wrong answer.
 */

const WINDOW = { from: '2020-11-19T02:00:00Z', to: '2020-11-19T06:00:00Z' };
/** A window whose edges cut through traffic, so the ±5 min join margin matters. */
const NARROW = { from: '2020-11-19T03:17:30Z', to: '2020-11-19T03:48:10Z' };
const QUERIES: Record<string, string>[] = [
  WINDOW,
  NARROW,
  { ...WINDOW, app: 'user-api' },
  { ...WINDOW, latencyMin: '0.5', slow: '2' },
  // Upper bounds: the band [1 s, 1.1 s), and [0.5 s, 2 s) examined against the whole window.
  { ...WINDOW, latencyMin: '1', latencyMax: '1.1' },
  { ...WINDOW, latencyMax: '2', slow: '0.5' },
];
/** The first and the second half of the sample: the same traffic, so no change is significant. */
const HALVES = { from: '2020-11-19T02:00:00Z', to: '2020-11-19T04:00:00Z', compareFrom: '2020-11-19T04:00:00Z', compareTo: '2020-11-19T06:00:00Z' };

const withoutBackendName = <T extends { backend?: unknown }>(answer: T) => ({ ...answer, backend: undefined });

describe.each<[ScenarioName]>([['incident'], ['healthy'], ['slow-app']])('triage parity on the generated %s sample', (scenario) => {
  const { edge, ingress } = generateIncident({ scenario, traces: 6_000, seed: 3 });
  let duck: OpenedBackend;
  let elastic: OpenedBackend;
  /** The same call on both stores; the answers must be equal but for the backend's name. Gives Elasticsearch's. */
  const askBoth = async <T extends { backend?: unknown }>(call: (backend: LatencyBackend) => Promise<T>, label: string): Promise<T> => {
    const [fromDuck, fromElastic] = await Promise.all([call(duck.backend), call(elastic.backend)]);
    expect(fromDuck.backend).toBe('duckdb');
    expect(withoutBackendName(fromElastic), label).toEqual(withoutBackendName(fromDuck));
    return fromElastic;
  };

  beforeAll(async () => {
    const { edgeFile, ingressFile } = writeTierFiles(edge, ingress);
    const opened = createDuckdbBackend({ edgeFiles: [edgeFile], ingressFiles: [ingressFile], fields: sameInBothTiers(DEFAULT_FIELD_NAMES) });
    duck = { backend: opened, cleanup: () => opened.close() };
    elastic = await seedElasticsearchBackend(edge, ingress, { shards: 3 });
  });

  afterAll(async () => {
    await duck?.cleanup();
    await elastic?.cleanup();
  });

  it.each(QUERIES.map((query) => [new URLSearchParams(query).toString(), query]))('attribution, correlations, retransmissions, reuse for %s', async (_label, query) => {
    // Retransmissions and connection reuse have no slow threshold, and unknown parameters are refused.
    const withoutSlow = Object.fromEntries(Object.entries(query).filter(([name]) => name !== 'slow'));
    const services: [(backend: LatencyBackend, input: Record<string, string>) => Promise<{ backend: unknown; sample: unknown }>, Record<string, string>][] = [
      [getAttribution, query],
      [getCorrelations, query],
      [getRetransmissions, withoutSlow],
      [getConnectionReuse, withoutSlow],
    ];
    for (const [service, input] of services) {
      const fromElastic = await askBoth((backend) => service(backend, input), `${service.name} ${JSON.stringify(input)}`);
      expect(fromElastic.sample).toBeNull();
    }
  }, 600_000);

  it('the first-screen summary: the culprit named only where there is one', async () => {
    const fromElastic = await askBoth((backend) => getTriageSummary(backend, WINDOW), 'summary');
    const flagged = fromElastic.correlations.entries.filter((entry) => entry.flagged);
    if (scenario === 'incident') {
      expect(fromElastic.headlines[0]).toMatch(/ingress→app connect of 1\.00–1\.10 s.*through ingress-node-2: a SYN or SYN-ACK was retransmitted/);
      expect(fromElastic.correlations.entries[0]).toMatchObject({ field: 'ingressHost', value: 'ingress-node-2', flagged: true });
    } else {
      expect(fromElastic.retransmissions.findings).toEqual([]);
      expect(flagged.filter((entry) => ['ingressHost', 'edgeHost', 'edgeUpstreamAddr'].includes(entry.field))).toEqual([]);
      expect(fromElastic.headlines.at(-1)).toMatch(/lost the time in the app/);
    }
    if (scenario === 'healthy') expect(flagged).toEqual([]);
  }, 600_000);

  it('names the same culprit, or none, under latency filters: they choose the examined requests, not the baseline', async () => {
    const culprits = (answer: Awaited<ReturnType<typeof getRetransmissions>>) =>
      Object.fromEntries(answer.findings.map((finding) => [finding.hop, finding.dominant?.value ?? 'spread']));
    const unfiltered = culprits(await askBoth((backend) => getRetransmissions(backend, WINDOW), 'retransmissions'));
    if (scenario === 'incident') expect(unfiltered).toEqual({ ingressToApp: 'ingress-node-2', edgeToIngress: '10.20.0.12:80' });
    else expect(unfiltered).toEqual({});
    for (const filter of [{ latencyMin: '1' }, { latencyMin: '1', latencyMax: '1.2' }, { latencyMin: '0.5', latencyMax: '3.5' }]) {
      const filtered = culprits(await askBoth((backend) => getRetransmissions(backend, { ...WINDOW, ...filter }), JSON.stringify(filter)));
      for (const [hop, culprit] of Object.entries(filtered)) expect([hop, culprit], JSON.stringify(filter)).toEqual([hop, unfiltered[hop]]);
    }
  }, 600_000);

  it('the comparison of two windows (the same traffic: no significant change)', async () => {
    const fromElastic = await askBoth((backend) => getWindowComparison(backend, HALVES), 'comparison');
    expect(fromElastic.base.traces.all + fromElastic.compare.traces.all).toBeGreaterThan(5_000);
    expect(fromElastic.changes.slowShare.significant).toBe(false);
    expect([fromElastic.base.sample, fromElastic.compare.sample]).toEqual([null, null]);
  }, 600_000);
});

