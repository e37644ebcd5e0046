import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore, runStatement } from '@/lib/backends/duckdb/connection';
import { createDuckdbTriage } from '@/lib/backends/duckdb/triage';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import { describeTriageContract } from './triage-contract';

describeTriageContract('DuckDB', async (docs) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hopscope-triage-'));
  const toNdjson = (lines: object[]) => lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
  writeFileSync(path.join(dir, 'edge.ndjson'), toNdjson(docs.edge));
  writeFileSync(path.join(dir, 'ingress.ndjson'), toNdjson(docs.ingress));
  const store = await openStore({ edgeFiles: [path.join(dir, 'edge.ndjson')], ingressFiles: [path.join(dir, 'ingress.ndjson')] }, sameInBothTiers(DEFAULT_FIELD_NAMES));
  return {
    triage: createDuckdbTriage({ run: (statement, signal) => runStatement(store.instance, statement, signal) }),
    close: async () => store.close(),
  };
});
