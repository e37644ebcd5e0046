import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getHistograms } from '@/app/api/v1/histograms/route';
import { GET as getTrace } from '@/app/api/v1/traces/[traceId]/route';
import { startOwnNode, type OwnNode } from '@/test-support/own-elasticsearch-node';
import { installProcessBackend, seedFixtureIndices, testBackendConfig, type SeededIndices } from '@/test-support/elasticsearch-route';
import { callRoute } from '@/test-support/route-fixture';

/**
 * Failures that need a node this suite may break: a shard without a live copy, and the node
 * stopping between two requests. The suite starts its own node (lib/testing/own-elasticsearch-node.ts),
 * never touching the shared one of ES_URL, whose health other suites read at the same time.
 */
const WINDOW = 'from=2020-11-19T10:00:00Z&to=2020-11-19T11:00:00Z';
const HISTOGRAMS = `/api/v1/histograms?${WINDOW}`;

let node: OwnNode;
let seeded: SeededIndices;
let client: Client;

beforeAll(async () => {
  node = await startOwnNode();
  client = new Client({ node: node.url });
  seeded = await seedFixtureIndices(node.url);
}, 600_000);

afterAll(async () => {
  // The node may already be stopped by the last test; its indices go with a clean stop either way.
  await seeded?.cleanup().catch(() => undefined);
  await client?.close();
  await node?.stop();
  delete (globalThis as { hopscopeBackend?: unknown }).hopscopeBackend;
}, 180_000);

describe('a node of our own, broken on purpose', () => {
  it('a shard without a live copy: the answer from the other shards, with a notice counting the failed one', async () => {
    // A second daily index under the edge pattern whose only shard may live on no node
    // ("nowhere" is no node's name): what a data node down with the only copy of a shard looks
    // like. Every search over the pattern answers from the other index and reports this shard
    // as failed; the point in time, which refuses missing shards, is skipped for the tier.
    const red = seeded.edgeIndex.replace(/\*$/, '2020.11.20');
    await client.indices.create({
      index: red,
      settings: { number_of_shards: 1, number_of_replicas: 0, 'index.routing.allocation.require._name': 'nowhere' },
      wait_for_active_shards: 0,
    });
    try {
      installProcessBackend(testBackendConfig({ url: node.url, edgeIndex: seeded.edgeIndex, ingressIndex: seeded.ingressIndex }));
      const { status, body } = await callRoute(getHistograms, HISTOGRAMS);
      expect(status).toBe(200);
      // The fixture's counts as worked out in elasticsearch-backend.integration.test.ts: the red
      // index holds no documents, so the answer is the whole incident.
      expect(body.counts).toMatchObject({ edge: 10, joined: 7, edgeOnly: 3 });
      expect(body.notices).toEqual([
        {
          code: 'partial_shards',
          tier: 'edge',
          indexPattern: seeded.edgeIndex,
          failedShards: 1,
          totalShards: 2,
          message:
            `Partial answer: 1 of 2 shards of the edge indices (${seeded.edgeIndex}) failed ` +
            `(no_shard_available_action_exception (index ${red})); documents on those shards are not counted.`,
        },
      ]);
    } finally {
      await client.indices.delete({ index: red });
    }
  }, 120_000);

  it('the node stops between two requests: the materialized window still answers, a trace lookup gets 503 backend_unavailable, connection refused', async () => {
    installProcessBackend(testBackendConfig({ url: node.url, edgeIndex: seeded.edgeIndex, ingressIndex: seeded.ingressIndex }));
    const before = await callRoute(getHistograms, HISTOGRAMS);
    expect(before.status).toBe(200);
    expect(before.body.notices).toEqual([]);
    await seeded.cleanup();
    await node.stop();
    // The window's lines were read once and are answered by the engine: the same answer.
    const again = await callRoute(getHistograms, HISTOGRAMS);
    expect(again.status).toBe(200);
    expect(again.body.histograms).toEqual(before.body.histograms);
    // A trace's lines are read from Elasticsearch on every lookup.
    const after = await callRoute(getTrace, '/api/v1/traces/t-ok-1', { traceId: 't-ok-1' });
    expect(after.status).toBe(503);
    expect(after.body).toEqual({
      error: {
        code: 'backend_unavailable',
        message: `cannot reach Elasticsearch at ${node.url}: connection refused (ECONNREFUSED); is the node running, and is ES_URL's port right?`,
      },
    });
  }, 180_000);
});
