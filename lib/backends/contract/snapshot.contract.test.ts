import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDuckdbBackend, createSnapshotBackend } from '@/lib/backends/duckdb';
import type { LatencyBackend } from '@/lib/backends/types';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import { seedElasticsearchBackend } from '@/test-support/elasticsearch-node';
import { writeTierFiles } from '@/test-support/ndjson-files';
import { describeBackendContract, type OpenedBackend } from './backend-contract';
import { describeDirtyDataContract } from './dirty-data-contract';
import { describeTriageContract } from './triage-contract';
import { D0, DIRTY_EDGE_DOCS, DIRTY_INGRESS_DOCS } from './dirty-fixture';
import { EDGE_DOCS, INGRESS_DOCS, T0 } from './fixture';

/**
 * A snapshot answers as the store it was taken from: the same hand-computed assertions, on a
 * snapshot of the fixture taken from each store, the store then closed (its data gone as far as
 * the snapshot knows). The frozen window holds every line of the fixtures, so every query the
 * suites make lies inside it; all raw lines are kept (trace details compare them).
 */
const DAY_MS = 86_400_000;
const windowAround = (instantMs: number) => ({ fromMs: instantMs - DAY_MS, toMs: instantMs + DAY_MS });

async function snapshotOf(opened: OpenedBackend, around: number): Promise<OpenedBackend> {
  const WINDOW = windowAround(around);
  const dir = mkdtempSync(path.join(tmpdir(), 'hopscope-snapshot-contract-'));
  let frozen;
  try {
    frozen = await opened.backend.freezeWindow({ ...WINDOW, dir, rawTraces: 1_000, slowMs: 1_000 });
  } finally {
    await opened.cleanup();
  }
  const backend: LatencyBackend = createSnapshotBackend(dir, { kind: opened.backend.kind, window: WINDOW }, frozen);
  return {
    backend,
    cleanup: async () => {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function duckdbOf(edge: Record<string, unknown>[], ingress: Record<string, unknown>[]): OpenedBackend {
  const { edgeFile, ingressFile } = writeTierFiles(edge, ingress);
  const backend = createDuckdbBackend({ edgeFiles: [edgeFile], ingressFiles: [ingressFile], fields: sameInBothTiers(DEFAULT_FIELD_NAMES) });
  return { backend, cleanup: () => backend.close() };
}

describeBackendContract('Snapshot of the embedded store', () => snapshotOf(duckdbOf(EDGE_DOCS, INGRESS_DOCS), T0));
describeDirtyDataContract('Snapshot of the embedded store', () => snapshotOf(duckdbOf(DIRTY_EDGE_DOCS, DIRTY_INGRESS_DOCS), D0));

describeBackendContract('Snapshot of Elasticsearch', async () => snapshotOf(await seedElasticsearchBackend(EDGE_DOCS, INGRESS_DOCS, { shards: 2 }), T0));
describeDirtyDataContract('Snapshot of Elasticsearch', async () =>
  snapshotOf(await seedElasticsearchBackend(DIRTY_EDGE_DOCS, DIRTY_INGRESS_DOCS, { shards: 2, keywordTimings: true }), D0),
);

/** The triage verbs over a snapshot of the embedded store, on each of the triage suite's datasets. */
describeTriageContract('Snapshot of the embedded store', async (docs) => {
  const edge = docs.edge as Record<string, unknown>[];
  const times = edge.map((doc) => Date.parse(String(doc['@timestamp']))).filter(Number.isFinite);
  const opened = await snapshotOf(duckdbOf(edge, docs.ingress as Record<string, unknown>[]), Math.min(...times));
  const around = windowAround(Math.min(...times));
  if (Math.max(...times) >= around.toMs) throw new Error('the triage dataset spans more than a day: widen the snapshot window');
  return { triage: opened.backend.triage, close: opened.cleanup };
});
