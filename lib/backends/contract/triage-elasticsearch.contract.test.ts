import { vi } from 'vitest';
import { seedElasticsearchBackend } from '@/test-support/elasticsearch-node';
import { describeTriageContract } from './triage-contract';

// Each verb call joins 20,000 traces on a node shared with other work (about 5-25 s on 2 loaded cores).
vi.setConfig({ testTimeout: 180_000 });

// The same assertions as on DuckDB, on the real node: edge timings stored as 32-bit floats
// (dynamic mapping), ingress timings as keyword strings, two shards per daily index.
describeTriageContract('Elasticsearch', async (docs) => {
  const { backend, cleanup } = await seedElasticsearchBackend(docs.edge as Record<string, unknown>[], docs.ingress as Record<string, unknown>[], { shards: 2 });
  return { triage: backend.triage, close: cleanup };
});
