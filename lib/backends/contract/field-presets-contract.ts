import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatencyBackend } from '@/lib/backends/types';
import type { TierFieldNames } from '@/lib/domain/field-names';
import { FIELD_PRESET_NAMES, FIELD_PRESETS, type FieldPresetName } from '@/lib/domain/field-presets';
import type { Tier } from '@/lib/domain/tiers';
import type { OpenedBackend } from './backend-contract';
import { PRESET_EXPECTED_DISTRIBUTIONS, PRESET_QUERY } from './field-presets-fixture';

/** Which preset names each tier's documents (and which layout they are written in). */
export type TierLayouts = Record<Tier, FieldPresetName>;

/**
 * Each preset on both tiers, then tiers shipped by different tools, each read with its own preset
 * (HOPSCOPE_EDGE_FIELDS_PRESET, HOPSCOPE_INGRESS_FIELDS_PRESET): the two name the request time and
 * the upstream fields differently, which one field set for both tiers could not read.
 */
const LAYOUT_CASES: readonly TierLayouts[] = [
  ...FIELD_PRESET_NAMES.map((preset) => ({ edge: preset, ingress: preset })),
  { edge: 'elastic-agent-nginx', ingress: 'filebeat-ingress-nginx' },
  { edge: 'filebeat-nginx', ingress: 'elastic-agent-ingress-nginx' },
];

/**
 * For each case, a backend reading each tier's shipper-shaped documents of field-presets-fixture.ts
 * with that tier's preset field names must give the hand-computed answers. Run against DuckDB and
 * the real Elasticsearch node.
 */
export function describeFieldPresetContract(store: string, open: (layouts: TierLayouts) => Promise<OpenedBackend>): void {
  describe.each(LAYOUT_CASES)(`${store}: edge documents of $edge, ingress documents of $ingress, each read with its preset`, (layouts) => {
    let opened: OpenedBackend;
    let backend: LatencyBackend;
    beforeAll(async () => {
      opened = await open(layouts);
      backend = opened.backend;
    });
    afterAll(() => opened?.cleanup());

    it('answers the four distributions and the counts', async () => {
      const { counts, distributions } = await backend.fetchDistributions(PRESET_QUERY);
      expect(distributions).toEqual(PRESET_EXPECTED_DISTRIBUTIONS);
      expect(counts).toMatchObject({ edge: 3, joined: 2, edgeOnly: 1, duplicates: { edge: 0, ingress: 0 }, skipped: [] });
    });

    it('opens the retried trace with every attempt and the ECS attributes', async () => {
      const trace = await backend.fetchTrace('t2');
      expect(trace?.edge).toMatchObject({ requestTimeMs: 1500, host: 'edge-1', path: '/cart', method: 'GET', status: 200 });
      expect(trace?.ingress).toMatchObject({
        requestTimeMs: 1290,
        responseTotalMs: 1006,
        host: 'ingress-node-1',
        upstreamAddrs: ['10.244.0.9:8080', '10.244.0.5:8080'],
      });
      if (layouts.ingress.endsWith('ingress-nginx')) expect(trace?.ingress?.proxyUpstreamName).toBe('shop-checkout-8080');
    });
  });
}

/** Each tier's field names for a case: its own preset's. */
export const fieldNamesOf = (layouts: TierLayouts): TierFieldNames => ({ edge: FIELD_PRESETS[layouts.edge].fields, ingress: FIELD_PRESETS[layouts.ingress].fields });
