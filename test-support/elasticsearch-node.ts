import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { deleteSeeded, seedElasticsearch } from '@/scripts/seed-elasticsearch';
import { createElasticsearchBackend, type ElasticsearchBackendConfig } from '@/lib/backends/elasticsearch';
import type { OpenedBackend } from '@/lib/backends/contract/backend-contract';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';

/**
 * The real Elasticsearch node of the test run. `npm test` starts one (scripts/elasticsearch.sh)
 * and exports ES_URL; without it these suites fail rather than skip, so a broken node can never
 * pass as green.
 */
export function requireElasticsearchUrl(): string {
  const url = process.env.ES_URL;
  if (!url) {
    throw new Error(
      'ES_URL is not set: the Elasticsearch suites run against a real node. Use `npm test`, or start one with ' +
        '`bash scripts/elasticsearch.sh start` and export the ES_URL it prints.',
    );
  }
  return url;
}


/**
 * Seeds both tiers into fresh, uniquely named daily indices (edge timings under dynamic mapping,
 * i.e. 32-bit floats; ingress timings as keyword strings) and returns a backend reading them,
 * with a slice cache of its own, removed by `cleanup` (`settings`: the cache's bounds, say).
 */
export async function seedElasticsearchBackend(
  edgeDocuments: Iterable<Record<string, unknown>>,
  ingressDocuments: Iterable<Record<string, unknown>>,
  options: {
    shards?: number;
    keywordTimings?: boolean;
    settings?: Pick<ElasticsearchBackendConfig, 'cacheBytes' | 'lateMarginMs' | 'maxOpenLines'>;
  } = {},
): Promise<OpenedBackend> {
  const url = requireElasticsearchUrl();
  const client = new Client({ node: url });
  const run = `hs-test-${randomBytes(4).toString('hex')}`;
  const edgePrefix = `${run}-nginx-access-`;
  const ingressPrefix = `${run}-ingress-`;
  const summary = await seedElasticsearch({
    client,
    edge: { indexPrefix: edgePrefix, documents: edgeDocuments },
    ingress: { indexPrefix: ingressPrefix, documents: ingressDocuments },
    shards: options.shards ?? 2,
    keywordTimings: options.keywordTimings ?? false,
  });
  if (summary.errors.length > 0) throw new Error(`seeding failed: ${JSON.stringify(summary.errors.slice(0, 3))}`);
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'hopscope-test-es-cache-'));
  const backend = createElasticsearchBackend({
    url,
    requestTimeoutMs: 30_000,
    edgeIndex: `${edgePrefix}*`,
    ingressIndex: `${ingressPrefix}*`,
    fields: sameInBothTiers(DEFAULT_FIELD_NAMES),
    cacheDir,
    ...options.settings,
  });
  return {
    backend,
    cleanup: async () => {
      await backend.close();
      rmSync(cacheDir, { recursive: true, force: true });
      await deleteSeeded(client, [edgePrefix, ingressPrefix]);
      await client.close();
    },
  };
}
