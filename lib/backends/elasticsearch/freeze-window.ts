import 'server-only';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { estypes } from '@elastic/elasticsearch';
import { freezeStore, openStore } from '@/lib/backends/duckdb/connection';
import type { FreezePlan, FrozenWindow } from '@/lib/backends/types';
import { JOIN_WINDOW_MARGIN_MS } from '@/lib/domain/query';
import { TIERS, type Tier } from '@/lib/domain/tiers';
import type { FieldNames } from '@/lib/domain/field-names';
import { UnexpectedAnswerError } from './answer-errors';
import { timeRangeFilter } from './filters';
import { MAX_HITS_PER_REQUEST } from './requests/build-documents-request';
import type { ElasticsearchSession } from './session';

/** A search_after page of whole documents, in shard order: the cheapest order to read everything in. */
export function buildWindowPageRequest(timeField: string, fromMs: number, toMs: number, after: estypes.SortResults | null): estypes.SearchRequest {
  return {
    size: MAX_HITS_PER_REQUEST,
    track_total_hits: false,
    query: { bool: { filter: timeRangeFilter(timeField, fromMs, toMs) } },
    sort: [{ _shard_doc: 'asc' }],
    _source: true,
    ...(after ? { search_after: after } : {}),
  };
}

/**
 * Streams every document of a tier in `[fromMs, toMs)` to an NDJSON file, one `_source` a line,
 * paging with search_after on the session's point in time (so documents arriving meanwhile do not
 * shift the pages). Returns how many documents were written.
 */
async function extractTier(session: ElasticsearchSession, tier: Tier, timeField: string, fromMs: number, toMs: number, file: string): Promise<number> {
  const out = createWriteStream(file);
  let written = 0;
  try {
    let after: estypes.SortResults | null = null;
    for (;;) {
      const response = await session.search(tier, `reading the ${tier} documents of the window for a snapshot`, buildWindowPageRequest(timeField, fromMs, toMs, after));
      const hits = response.hits.hits;
      if (hits.length === 0) break;
      let chunk = '';
      for (const hit of hits) {
        if (hit._source === undefined) throw new UnexpectedAnswerError(`a ${tier} document came back without its _source: snapshots need _source enabled`);
        chunk += `${JSON.stringify(hit._source)}\n`;
      }
      written += hits.length;
      if (!out.write(chunk)) await once(out, 'drain');
      after = hits.at(-1)?.sort ?? null;
      if (hits.length < MAX_HITS_PER_REQUEST || after === null) break;
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return written;
}

/**
 * A window of Elasticsearch frozen as a snapshot: the edge documents of the window and the ingress
 * documents of its join window are read once (their `_source`, as stored), loaded into a
 * temporary embedded store by the same load and normalization as log files, and written out by
 * the same freeze (freezeStore). The snapshot then answers from the engine like any embedded store.
 */
export async function freezeWindow(
  session: ElasticsearchSession,
  fields: FieldNames,
  plan: FreezePlan,
  settings: { memoryLimit?: string; threads?: number } = {},
): Promise<FrozenWindow> {
  const work = path.join(plan.dir, '.extract');
  mkdirSync(work, { recursive: true });
  try {
    await session.openSnapshot();
    const files = { edge: path.join(work, 'edge.ndjson'), ingress: path.join(work, 'ingress.ndjson') };
    const ranges: Record<Tier, [number, number]> = {
      edge: [plan.fromMs, plan.toMs],
      ingress: [plan.fromMs - JOIN_WINDOW_MARGIN_MS, plan.toMs + JOIN_WINDOW_MARGIN_MS],
    };
    // Both tiers at once: Elasticsearch reads one while Node writes the other. Both are awaited
    // before a failure is thrown, so none is still writing when the folder is removed.
    const extracted = await Promise.allSettled(TIERS.map((tier) => extractTier(session, tier, fields.timestamp, ...ranges[tier], files[tier])));
    for (const outcome of extracted) if (outcome.status === 'rejected') throw outcome.reason;
    const loaded = await openStore(
      { edgeFiles: [files.edge], ingressFiles: [files.ingress], edgeFormat: 'json', ingressFormat: 'json', ...settings },
      fields,
    );
    try {
      const frozen = await freezeStore(loaded.instance, plan);
      const { formats, lineCounts, unreadableLines } = loaded;
      return { ...frozen, fields, formats, lineCounts, unreadableLines, sources: { edge: session.indexOf('edge'), ingress: session.indexOf('ingress') } };
    } finally {
      loaded.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
