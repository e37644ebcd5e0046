import { seedElasticsearchBackend } from '@/lib/testing/elasticsearch-node';
import { describeBackendContract } from './backend-contract';
import { EDGE_DOCS, INGRESS_DOCS } from './fixture';

// The same hand-computed assertions as on DuckDB, on the real node: edge timings stored as 32-bit
// floats (dynamic mapping), ingress timings as keyword strings, two shards per daily index.
describeBackendContract('Elasticsearch', () => seedElasticsearchBackend(EDGE_DOCS, INGRESS_DOCS, { shards: 2 }));

// One shard per daily index: duplicated traces are then found in one request (trace-partitions.ts).
describeBackendContract('Elasticsearch, one shard', () => seedElasticsearchBackend(EDGE_DOCS, INGRESS_DOCS, { shards: 1 }));
