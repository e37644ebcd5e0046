import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckdbBackend } from '@/lib/backends/duckdb';
import type { LatencyBackend } from '@/lib/backends/types';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { getCorrelations } from '@/lib/services/triage/get-correlations';
import { getRetransmissions } from '@/lib/services/triage/get-retransmissions';
import { getTriageSummary } from '@/lib/services/triage/get-triage-summary';
import { writeTierFiles } from '@/test-support/ndjson-files';
import { generateIncident } from '@/scripts/sample/incident-generator';
import type { ScenarioName } from '@/scripts/sample/scenarios';

/**
 * Issue 14 §1 as a property: a latency range chooses which requests are examined, never the
 * baseline they are compared with, so the host or address a retransmission finding names (or its
 * "spread") is the same under any latency range that still shows the finding; and on traffic
 * without a culprit no range makes one up. On the embedded store (the rule lives in the domain and
 * the services, so Elasticsearch answers the same: triage-parity.test.ts holds the two equal).
 */

const WINDOW = { from: '2020-11-19T02:00:00Z', to: '2020-11-19T06:00:00Z' };
const tenths = (low: number, high: number) => fc.integer({ min: low, max: high }).map((n) => (n / 10).toFixed(1));
/** latencyMin alone, latencyMax alone, or both with max above min: seconds with one decimal. */
const latencyRange = fc.oneof(
  tenths(0, 30).map((min) => ({ latencyMin: min })),
  tenths(1, 40).map((max) => ({ latencyMax: max })),
  fc.tuple(tenths(0, 30), tenths(1, 20)).map(([min, width]) => ({ latencyMin: min, latencyMax: (Number(min) + Number(width)).toFixed(1) })),
);

const culprits = (answer: Awaited<ReturnType<typeof getRetransmissions>>) =>
  Object.fromEntries(answer.findings.map((finding) => [finding.hop, finding.dominant?.value ?? 'spread']));

describe.each<[ScenarioName]>([['incident'], ['healthy']])('the named culprit under latency filters, %s scenario', (scenario) => {
  let backend: LatencyBackend;
  beforeAll(() => {
    const { edge, ingress } = generateIncident({ scenario, traces: 8_000, seed: 11 });
    const files = writeTierFiles(edge, ingress);
    backend = createDuckdbBackend({ edgeFiles: [files.edgeFile], ingressFiles: [files.ingressFile], fields: DEFAULT_FIELD_NAMES });
  });
  afterAll(async () => backend?.close());

  it('is the unfiltered one, or none at all, whatever the latency range', async () => {
    const unfiltered = culprits(await getRetransmissions(backend, WINDOW));
    if (scenario === 'incident') expect(unfiltered).toEqual({ ingressToApp: 'ingress-node-2', edgeToIngress: '10.20.0.12:80' });
    else expect(unfiltered).toEqual({});
    await fc.assert(
      fc.asyncProperty(latencyRange, async (range) => {
        const filtered = culprits(await getRetransmissions(backend, { ...WINDOW, ...range }));
        for (const [hop, culprit] of Object.entries(filtered)) expect([hop, culprit], JSON.stringify(range)).toEqual([hop, unfiltered[hop]]);
      }),
      { numRuns: 25, seed: 14 },
    );
  }, 120_000);

  it('the first screen on the slow requests alone (latencyMin=1) names what the window names, no edge host', async () => {
    const [filtered, unfiltered] = await Promise.all([getTriageSummary(backend, { ...WINDOW, latencyMin: '1' }), getTriageSummary(backend, WINDOW)]);
    for (const headline of filtered.headlines) expect(headline).not.toMatch(/edge-nginx-\d/);
    // The slow requests of the window are the same ones, compared with the same baseline.
    expect(filtered.correlations).toEqual(unfiltered.correlations);
    expect(filtered.attribution).toEqual(unfiltered.attribution);
    if (scenario === 'incident') {
      expect(filtered.headlines[0]).toMatch(/through ingress-node-2/);
      expect(filtered.correlations.entries[0]).toMatchObject({ field: 'ingressHost', value: 'ingress-node-2', flagged: true });
    } else {
      expect(filtered.retransmissions.findings).toEqual([]);
      expect(filtered.correlations.flaggedCount).toBe(0);
    }
  }, 60_000);

  it('flags the same correlations under any lower latency bound as the window at that threshold', async () => {
    await fc.assert(
      fc.asyncProperty(tenths(0, 30), async (latencyMin) => {
        const slow = Math.max(1, Number(latencyMin)).toFixed(1);
        const [filtered, window] = await Promise.all([
          getCorrelations(backend, { ...WINDOW, latencyMin }),
          getCorrelations(backend, { ...WINDOW, slow }),
        ]);
        const flagged = (answer: typeof filtered) => answer.entries.filter((entry) => entry.flagged).map((entry) => `${entry.field}=${entry.value}`);
        expect(flagged(filtered), latencyMin).toEqual(flagged(window));
        if (scenario === 'healthy') expect(flagged(filtered)).toEqual([]);
      }),
      { numRuns: 12, seed: 14 },
    );
  }, 120_000);
});
