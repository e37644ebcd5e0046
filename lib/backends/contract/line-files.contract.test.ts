import { createLineFilesBackend } from '@/lib/backends/duckdb';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import { writeTierLineFiles } from '@/test-support/line-files';
import { describeBackendContract } from './backend-contract';
import { EDGE_DOCS, INGRESS_DOCS } from './fixture';

/**
 * The engine over line files, as a materialized Elasticsearch window is answered, here without a
 * node: the fixture written as a slice's search answers and normalized into line files (its reads
 * from the real node are checked by elasticsearch.contract.test.ts).
 */
describeBackendContract('Line files', async () => {
  const files = await writeTierLineFiles({ edge: EDGE_DOCS, ingress: INGRESS_DOCS });
  const backend = createLineFilesBackend(files, {
    fields: sameInBothTiers(DEFAULT_FIELD_NAMES),
    sources: { edge: 'edge line files', ingress: 'ingress line files' },
  });
  return { backend, cleanup: () => backend.close() };
});
