import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDuckdbBackend } from '@/lib/backends/duckdb';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { describeBackendContract } from './backend-contract';
import { EDGE_DOCS, INGRESS_DOCS } from './fixture';

describeBackendContract('DuckDB', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hopscope-contract-'));
  const toNdjson = (docs: object[]) => docs.map((doc) => JSON.stringify(doc)).join('\n') + '\n';
  writeFileSync(path.join(dir, 'edge.ndjson'), toNdjson(EDGE_DOCS));
  writeFileSync(path.join(dir, 'ingress.ndjson'), toNdjson(INGRESS_DOCS));
  const backend = createDuckdbBackend({
    edgeFiles: [path.join(dir, 'edge.ndjson')],
    ingressFiles: [path.join(dir, 'ingress.ndjson')],
    fields: DEFAULT_FIELD_NAMES,
  });
  return { backend, cleanup: () => backend.close() };
});
