import { seedElasticsearchBackend } from '@/test-support/elasticsearch-node';
import { describeBackendContract } from './backend-contract';
import { describeDirtyDataContract } from './dirty-data-contract';
import { DIRTY_EDGE_DOCS, DIRTY_INGRESS_DOCS } from './dirty-fixture';
import { EDGE_DOCS, INGRESS_DOCS } from './fixture';

// The same hand-computed assertions as on DuckDB, on the real node: edge timings stored as 32-bit
// floats (dynamic mapping), ingress timings as keyword strings, two shards per daily index.
describeBackendContract('Elasticsearch', () => seedElasticsearchBackend(EDGE_DOCS, INGRESS_DOCS, { shards: 2 }));

// One shard per daily index: duplicated traces are then found in one request (trace-partitions.ts).
describeBackendContract('Elasticsearch, one shard', () => seedElasticsearchBackend(EDGE_DOCS, INGRESS_DOCS, { shards: 1 }));

// Dirty data shipped as text: timings and trace_id mapped keyword on both tiers, so "-", "abc" or
// "-0.5" are stored as written (a float mapping refuses such documents at index time).
describeDirtyDataContract('Elasticsearch', () =>
  seedElasticsearchBackend(DIRTY_EDGE_DOCS, DIRTY_INGRESS_DOCS, { shards: 2, keywordTimings: true }),
);
