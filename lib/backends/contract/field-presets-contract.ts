import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatencyBackend } from '@/lib/backends/types';
import { FIELD_PRESET_NAMES, type FieldPresetName } from '@/lib/domain/field-presets';
import type { OpenedBackend } from './backend-contract';
import { PRESET_EXPECTED_DISTRIBUTIONS, PRESET_QUERY } from './field-presets-fixture';

/**
 * For each preset, a backend reading the shipper-shaped documents of field-presets-fixture.ts with
 * that preset's field names must give the hand-computed answers. Run against DuckDB and the real
 * Elasticsearch node.
 */
export function describeFieldPresetContract(store: string, open: (preset: FieldPresetName) => Promise<OpenedBackend>): void {
  describe.each(FIELD_PRESET_NAMES)(`${store}: HOPSCOPE_FIELDS_PRESET=%s on that shipper's documents`, (preset) => {
    let opened: OpenedBackend;
    let backend: LatencyBackend;
    beforeAll(async () => {
      opened = await open(preset);
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
      if (preset.endsWith('ingress-nginx')) expect(trace?.ingress?.proxyUpstreamName).toBe('shop-checkout-8080');
    });
  });
}
