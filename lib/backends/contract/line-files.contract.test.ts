import { createLineFilesBackend } from '@/lib/backends/duckdb';
import type { TraceIdHash } from '@/lib/backends/duckdb/sql/build-lines-store';
import type { TierFormat } from '@/lib/backends/types';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import { writeTierLineFiles } from '@/test-support/line-files';
import { describeBackendContract } from './backend-contract';
import { EDGE_DOCS, INGRESS_DOCS } from './fixture';

/**
 * The engine over line files, as a materialized Elasticsearch window is answered (its reads are
 * checked against the real node in elasticsearch.contract.test.ts): its lines keyed by hashed
 * trace ids, and, when two ids share a hash, by numbering as a load of log files is.
 */
const FORMAT: TierFormat = { format: 'json', missing: {}, unreadable: 'not a JSON object' };

function describeLineFilesContract(name: string, traceIdHash?: TraceIdHash): void {
  describeBackendContract(name, async () => {
    const files = await writeTierLineFiles({ edge: EDGE_DOCS, ingress: INGRESS_DOCS });
    const backend = createLineFilesBackend(
      files,
      { fields: sameInBothTiers(DEFAULT_FIELD_NAMES), formats: { edge: FORMAT, ingress: FORMAT }, sources: { edge: 'edge line files', ingress: 'ingress line files' } },
      traceIdHash ? { traceIdHash } : {},
    );
    return { backend, cleanup: () => backend.close() };
  });
}

describeLineFilesContract('Line files keyed by hashed trace ids');
// Every id lands on one of two keys: the store must find the collisions and number the ids.
describeLineFilesContract('Line files whose hashed trace keys collide', (traceId) => `hash(${traceId}) % 2`);
