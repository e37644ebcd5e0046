import { createDuckdbBackend } from '@/lib/backends/duckdb';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import { writeTierFiles } from '@/test-support/ndjson-files';
import { describeBackendContract } from './backend-contract';
import { describeDirtyDataContract } from './dirty-data-contract';
import { DIRTY_EDGE_DOCS, DIRTY_INGRESS_DOCS } from './dirty-fixture';
import { EDGE_DOCS, INGRESS_DOCS } from './fixture';

describeBackendContract('DuckDB', async () => {
  const { edgeFile, ingressFile } = writeTierFiles(EDGE_DOCS, INGRESS_DOCS);
  const backend = createDuckdbBackend({ edgeFiles: [edgeFile], ingressFiles: [ingressFile], fields: sameInBothTiers(DEFAULT_FIELD_NAMES) });
  return { backend, cleanup: () => backend.close() };
});

describeDirtyDataContract('DuckDB', async () => {
  const { edgeFile, ingressFile } = writeTierFiles(DIRTY_EDGE_DOCS, DIRTY_INGRESS_DOCS);
  const backend = createDuckdbBackend({ edgeFiles: [edgeFile], ingressFiles: [ingressFile], fields: sameInBothTiers(DEFAULT_FIELD_NAMES) });
  return { backend, cleanup: () => backend.close() };
});
