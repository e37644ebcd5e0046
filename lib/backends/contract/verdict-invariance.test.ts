import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckdbBackend } from '@/lib/backends/duckdb';
import type { LatencyBackend } from '@/lib/backends/types';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import type { Retransmissions } from '@/lib/domain/triage/retransmission';
import type { CorrelationField } from '@/lib/domain/triage/triage-data';
import { getCorrelations } from '@/lib/services/triage/get-correlations';
import { getRetransmissions } from '@/lib/services/triage/get-retransmissions';
import { getTriageSummary } from '@/lib/services/triage/get-triage-summary';
import { seedElasticsearchBackend } from '@/test-support/elasticsearch-node';
import { writeTierFiles } from '@/test-support/ndjson-files';
import { generateIncident } from '@/scripts/sample/incident-generator';
import type { ScenarioName } from '@/scripts/sample/scenarios';
import type { OpenedBackend } from './backend-contract';

/**
 * Issue 14 §1 as a property, on both stores: a latency range (latencyMin, latencyMax or both)
 * chooses which requests are examined, never the baseline they are compared with. So the host or
 * address the first screen names (a retransmission finding's, a flagged correlation's) is the
 * unfiltered one or none ("spread", nothing flagged) under any range, including a band such as
 * [1.0 s, 1.1 s) whose requests are all slow; on traffic without a culprit no range makes one up;
 * and a range that ends at or below the slow threshold examines nothing and says so.
 */

const WINDOW = { from: '2020-11-19T02:00:00Z', to: '2020-11-19T06:00:00Z' };
const tenths = (low: number, high: number) => fc.integer({ min: low, max: high }).map((n) => (n / 10).toFixed(1));
type LatencyParams = { latencyMin?: string; latencyMax?: string };
/** latencyMin alone, latencyMax alone, or both with max above min: seconds with one decimal. */
const latencyRange: fc.Arbitrary<LatencyParams> = fc.oneof(
  tenths(0, 30).map((min) => ({ latencyMin: min })),
  tenths(1, 40).map((max) => ({ latencyMax: max })),
  fc.tuple(tenths(0, 30), tenths(1, 20)).map(([min, width]) => ({ latencyMin: min, latencyMax: (Number(min) + Number(width)).toFixed(1) })),
);
/** Ranges every run tries first: the retransmission band, an upper bound alone, and one below the threshold. */
const FIXED_RANGES: LatencyParams[] = [
  { latencyMin: '1.0', latencyMax: '1.1' },
  { latencyMax: '1.1' },
  { latencyMin: '0.5', latencyMax: '3.5' },
  { latencyMax: '0.5' },
];
const HOST_FIELDS: readonly CorrelationField[] = ['ingressHost', 'edgeHost', 'edgeUpstreamAddr', 'ingressUpstreamAddr'];
const EXAMINES_NOTHING = /^No request is examined: the latency range ends at/;

type Summary = Awaited<ReturnType<typeof getTriageSummary>>;
const culprits = (answer: Pick<Retransmissions, 'findings'>) =>
  Object.fromEntries(answer.findings.map((finding) => [finding.hop, finding.dominant?.value ?? 'spread']));
/** Every host or address the first screen names: retransmission culprits and flagged host fields (with their same-count twins). */
const namedHosts = (summary: Summary): string[] => [
  ...summary.retransmissions.findings.flatMap((finding) => (finding.dominant ? [finding.dominant.value] : [])),
  ...summary.correlations.entries
    .filter((entry) => entry.flagged && HOST_FIELDS.includes(entry.field))
    .flatMap((entry) => [entry.value, ...entry.sameCounts.filter((ref) => HOST_FIELDS.includes(ref.field)).map((ref) => ref.value)]),
];

type OpenStore = (edge: object[], ingress: object[]) => Promise<OpenedBackend>;
const openDuckdb: OpenStore = async (edge, ingress) => {
  const files = writeTierFiles(edge, ingress);
  const backend = createDuckdbBackend({ edgeFiles: [files.edgeFile], ingressFiles: [files.ingressFile], fields: sameInBothTiers(DEFAULT_FIELD_NAMES) });
  return { backend, cleanup: () => backend.close() };
};
const openElasticsearch: OpenStore = (edge, ingress) =>
  seedElasticsearchBackend(edge as Record<string, unknown>[], ingress as Record<string, unknown>[], { shards: 2 });
/** Each store with its number of random ranges: an Elasticsearch answer is a join in Node, seconds each on a loaded node. */
const STORES: [string, OpenStore, number][] = [
  ['DuckDB', openDuckdb, 25],
  ['Elasticsearch', openElasticsearch, 10],
];
const CASES = STORES.flatMap(([store, open, runs]) => (['incident', 'healthy'] as ScenarioName[]).map((scenario) => [store, scenario, open, runs] as const));

describe.each(CASES)('%s: the named culprit under latency filters, %s scenario', (_store, scenario, open, runs) => {
  let opened: OpenedBackend;
  let backend: LatencyBackend;
  let window: Summary;
  beforeAll(async () => {
    const { edge, ingress } = generateIncident({ scenario, traces: 8_000, seed: 11 });
    opened = await open(edge, ingress);
    backend = opened.backend;
    window = await getTriageSummary(backend, WINDOW);
  });
  afterAll(async () => opened?.cleanup());

  it('the window names its culprit, or none without one', () => {
    if (scenario === 'incident') {
      expect(culprits(window.retransmissions)).toEqual({ ingressToApp: 'ingress-node-2', edgeToIngress: '10.20.0.12:80' });
      expect(new Set(namedHosts(window))).toEqual(new Set(['ingress-node-2', '10.20.0.12:80']));
    } else {
      expect(namedHosts(window)).toEqual([]);
    }
  });

  it('a retransmission finding names the unfiltered culprit, or spread, whatever the latency range', async () => {
    const unfiltered = culprits(window.retransmissions);
    await fc.assert(
      fc.asyncProperty(latencyRange, async (range) => {
        const filtered = culprits(await getRetransmissions(backend, { ...WINDOW, ...range }));
        for (const [hop, culprit] of Object.entries(filtered)) expect([hop, culprit], JSON.stringify(range)).toEqual([hop, unfiltered[hop]]);
      }),
      { numRuns: runs, seed: 14, examples: FIXED_RANGES.map((range) => [range]) },
    );
  }, 600_000);

  it('the first screen names only what the window names, whatever the latency range', async () => {
    const allowed = new Set(namedHosts(window));
    await fc.assert(
      fc.asyncProperty(latencyRange, async (range) => {
        const filtered = await getTriageSummary(backend, { ...WINDOW, ...range });
        for (const host of namedHosts(filtered)) expect(allowed.has(host), `${host} named under ${JSON.stringify(range)}`).toBe(true);
        for (const headline of filtered.headlines) expect(headline, JSON.stringify(range)).not.toMatch(/edge-nginx-\d/);
        // Attribution and correlations examine [max(slow, latencyMin), latencyMax) of the whole window.
        const minMs = Math.max(1000, Math.round(Number(range.latencyMin ?? 0) * 1000));
        const maxMs = range.latencyMax === undefined ? null : Math.round(Number(range.latencyMax) * 1000);
        expect([filtered.slowMs, filtered.slowMaxMs, filtered.correlations.traces.all]).toEqual([minMs, maxMs, window.correlations.traces.all]);
      }),
      { numRuns: runs, seed: 14, examples: FIXED_RANGES.map((range) => [range]) },
    );
  }, 600_000);

  it('the band of the first SYN retransmission [1.0 s, 1.1 s) names the window culprit against the window', async () => {
    const band = await getTriageSummary(backend, { ...WINDOW, latencyMin: '1.0', latencyMax: '1.1' });
    expect([band.slowMs, band.slowMaxMs, band.correlations.traces.all]).toEqual([1000, 1100, window.correlations.traces.all]);
    if (scenario === 'incident') {
      // About a third of the window's slow requests sit in the band, nearly all on ingress-node-2.
      expect(band.correlations.traces.slow).toBeGreaterThan(window.correlations.traces.slow / 4);
      expect(band.correlations.traces.slow).toBeLessThan(window.correlations.traces.slow);
      expect(band.correlations.entries[0]).toMatchObject({ field: 'ingressHost', value: 'ingress-node-2', flagged: true });
      expect(band.correlations.sentence).toMatch(/^ingress host ingress-node-2 .* requests of 1–1\.1 s but \d+ % of all/);
      expect(band.headlines[0]).toMatch(/through ingress-node-2/);
    } else {
      expect(band.correlations.flaggedCount).toBe(0);
      expect(band.retransmissions.findings).toEqual([]);
    }
  }, 600_000);

  it('the slow requests alone (latencyMin=1) give the window answer', async () => {
    const filtered = await getTriageSummary(backend, { ...WINDOW, latencyMin: '1' });
    expect(filtered.correlations).toEqual(window.correlations);
    expect(filtered.attribution).toEqual(window.attribution);
  }, 600_000);

  it('an upper bound at or below the slow threshold examines nothing, says so and names nothing', async () => {
    const empty = await getTriageSummary(backend, { ...WINDOW, latencyMax: '0.5' });
    expect([empty.slowMs, empty.slowMaxMs, empty.correlations.traces.slow, empty.correlations.flaggedCount]).toEqual([1000, 500, 0, 0]);
    expect(empty.attribution.sentence).toMatch(EXAMINES_NOTHING);
    expect(empty.correlations.sentence).toMatch(EXAMINES_NOTHING);
    expect(empty.headlines.at(-1)).toMatch(EXAMINES_NOTHING);
    expect(namedHosts(empty)).toEqual([]);
  }, 600_000);

  it('flags the same correlations under any lower latency bound as the window at that threshold', async () => {
    await fc.assert(
      fc.asyncProperty(tenths(0, 30), async (latencyMin) => {
        const slow = Math.max(1, Number(latencyMin)).toFixed(1);
        const [filtered, atThreshold] = await Promise.all([
          getCorrelations(backend, { ...WINDOW, latencyMin }),
          getCorrelations(backend, { ...WINDOW, slow }),
        ]);
        const flagged = (answer: typeof filtered) => answer.entries.filter((entry) => entry.flagged).map((entry) => `${entry.field}=${entry.value}`);
        expect(flagged(filtered), latencyMin).toEqual(flagged(atThreshold));
        if (scenario === 'healthy') expect(flagged(filtered)).toEqual([]);
      }),
      { numRuns: Math.ceil(runs / 2), seed: 14 },
    );
  }, 600_000);
});
