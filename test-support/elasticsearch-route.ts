import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { createElasticsearchBackend, type ElasticsearchBackendConfig } from '@/lib/backends/elasticsearch';
import type { LatencyBackend } from '@/lib/backends/types';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import { requireElasticsearchUrl } from '@/test-support/elasticsearch-node';
import { startElasticsearchProxy, type ElasticsearchProxy } from '@/test-support/elasticsearch-proxy';
import { edgeLines, INGRESS_LINES } from '@/test-support/elasticsearch-integration-fixture';
import { deleteSeeded, seedElasticsearch } from '@/scripts/seed-elasticsearch';

/**
 * For the failure tests: the hand-built incident of integration-fixture.ts seeded into fresh
 * indices of a real node, and a way to make any Elasticsearch backend the process backend so the
 * route handlers answer from it as Next.js would call them.
 */

export type SeededIndices = { edgeIndex: string; ingressIndex: string; cleanup: () => Promise<void> };

/** Seeds the fixture (edge timings as JSON numbers, ingress as strings) into `shards` shards per index. */
export async function seedFixtureIndices(url: string, shards = 1): Promise<SeededIndices> {
  const client = new Client({ node: url });
  const run = `hs-fail-${randomBytes(4).toString('hex')}`;
  const edgePrefix = `${run}-nginx-access-`;
  const ingressPrefix = `${run}-ingress-`;
  const summary = await seedElasticsearch({
    client,
    edge: { indexPrefix: edgePrefix, documents: edgeLines('numbers') },
    ingress: { indexPrefix: ingressPrefix, documents: INGRESS_LINES },
    shards,
  });
  if (summary.errors.length > 0) throw new Error(`seeding failed: ${JSON.stringify(summary.errors.slice(0, 3))}`);
  return {
    edgeIndex: `${edgePrefix}*`,
    ingressIndex: `${ingressPrefix}*`,
    cleanup: async () => {
      await deleteSeeded(client, [edgePrefix, ingressPrefix]);
      await client.close();
    },
  };
}

/** A backend config for tests: the default field names and a 30 s timeout unless overridden. */
/** This test process's slice caches, removed when it exits. */
const CACHE_ROOT = path.join(os.tmpdir(), `hopscope-test-es-cache-${process.pid}`);
process.once('exit', () => rmSync(CACHE_ROOT, { recursive: true, force: true }));

/**
 * A backend configuration with a slice cache of its own: each test reads Elasticsearch afresh,
 * as the behaviour it checks (a refusal, a timeout) happens on the reads.
 */
export function testBackendConfig(config: Pick<ElasticsearchBackendConfig, 'url' | 'edgeIndex' | 'ingressIndex'> & Partial<ElasticsearchBackendConfig>): ElasticsearchBackendConfig {
  mkdirSync(CACHE_ROOT, { recursive: true });
  return { fields: sameInBothTiers(DEFAULT_FIELD_NAMES), requestTimeoutMs: 30_000, cacheDir: mkdtempSync(path.join(CACHE_ROOT, 'cache-')), ...config };
}

/** Makes a backend of this config the process backend (lib/server/backend.ts) and returns it. */
export function installProcessBackend(config: ElasticsearchBackendConfig): LatencyBackend {
  const backend = createElasticsearchBackend(config);
  (globalThis as { hopscopeBackend?: Promise<LatencyBackend> }).hopscopeBackend = Promise.resolve(backend);
  return backend;
}

/** The fixture's indices read through the recording proxy by the process backend, and how to undo it all. */
export type ProxiedFixtureBackend = { proxy: ElasticsearchProxy; backend: LatencyBackend; cleanup: () => Promise<void> };

/**
 * Seeds the fixture, starts the recording proxy in front of the real node and makes a backend
 * reading through it the process backend: what tests watching the calls to Elasticsearch need.
 */
export async function installProxiedFixtureBackend(): Promise<ProxiedFixtureBackend> {
  const url = requireElasticsearchUrl();
  const seeded = await seedFixtureIndices(url);
  const proxy = await startElasticsearchProxy(url);
  const backend = installProcessBackend(testBackendConfig({ url: proxy.url, edgeIndex: seeded.edgeIndex, ingressIndex: seeded.ingressIndex }));
  const cleanup = async () => {
    await backend.close();
    await proxy.close();
    await seeded.cleanup();
    delete (globalThis as { hopscopeBackend?: unknown }).hopscopeBackend;
  };
  return { proxy, backend, cleanup };
}
