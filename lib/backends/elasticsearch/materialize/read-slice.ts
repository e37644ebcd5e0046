import 'server-only';
import { once } from 'node:events';
import { createWriteStream, rmSync } from 'node:fs';
import type { estypes } from '@elastic/elasticsearch';
import { writeLineFile } from '@/lib/backends/duckdb/connection';
import type { FieldNames } from '@/lib/domain/field-names';
import type { Tier } from '@/lib/domain/tiers';
import { UnexpectedAnswerError } from '../answer-errors';
import { timeRangeFilter } from '../filters';
import { MAX_HITS_PER_REQUEST } from '../requests/build-documents-request';
import type { ElasticsearchSession } from '../session';
import type { TimeSlice } from './slice-plan';

/**
 * The fields a line is read with: every configured field (a dotted name matches both a nested
 * object and a flat dotted key), so drill-down pages show what a trace page shows of a line.
 */
export const sourceFields = (fields: FieldNames): string[] => [...new Set(Object.values(fields))].sort();

/**
 * A search_after page of a slice's documents in shard order (the cheapest order to read
 * everything in), with only the configured fields of `_source`.
 */
export function buildSlicePageRequest(fields: FieldNames, slice: TimeSlice, after: estypes.SortResults | null): estypes.SearchRequest {
  return {
    size: MAX_HITS_PER_REQUEST,
    track_total_hits: false,
    query: { bool: { filter: timeRangeFilter(fields.timestamp, slice.startMs, slice.endMs) } },
    sort: [{ _shard_doc: 'asc' }],
    _source: { includes: sourceFields(fields) },
    ...(after ? { search_after: after } : {}),
  };
}

/**
 * How many documents each slice holds now (one date_histogram of the slices' width): what tells a
 * kept slice that changed since it was read (late lines, indices deleted or rebuilt) and what the
 * progress is measured against. Slices must be consecutive and of equal width, aligned to it.
 */
export async function countSliceDocuments(session: ElasticsearchSession, tier: Tier, timeField: string, slices: readonly TimeSlice[]): Promise<number[]> {
  const first = slices[0];
  const last = slices.at(-1);
  if (!first || !last) return [];
  const widthMs = first.endMs - first.startMs;
  const response = await session.search(tier, `counting the ${tier} lines to read`, {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: timeRangeFilter(timeField, first.startMs, last.endMs) } },
    aggs: { slices: { date_histogram: { field: timeField, fixed_interval: `${widthMs}ms`, min_doc_count: 1 } } },
  });
  const buckets = (response.aggregations?.slices as { buckets?: { key: number; doc_count: number }[] } | undefined)?.buckets;
  // A pattern matching no index searches no shard and answers no aggregation: nothing to read.
  if (buckets === undefined && response._shards.total === 0) return slices.map(() => 0);
  if (!Array.isArray(buckets)) throw new UnexpectedAnswerError(`the ${tier} slice counts came back without their buckets`);
  const counts = new Map(buckets.map((bucket) => [Number(bucket.key), bucket.doc_count]));
  return slices.map((slice) => counts.get(slice.startMs) ?? 0);
}

/**
 * Reads a tier's slice from Elasticsearch (search_after on the session's point in time, so lines
 * arriving meanwhile do not shift the pages) into NDJSON, then normalizes it with the embedded
 * store's own load into a line file at `file`. `onLines` hears every page. Returns the lines.
 */
export async function readSlice(
  session: ElasticsearchSession,
  fields: FieldNames,
  tier: Tier,
  slice: TimeSlice,
  file: string,
  onLines: (lines: number) => void,
): Promise<number> {
  const ndjson = `${file}.ndjson`;
  const out = createWriteStream(ndjson);
  try {
    try {
      let after: estypes.SortResults | null = null;
      for (;;) {
        const response = await session.search(tier, `reading the ${tier} lines of ${new Date(slice.startMs).toISOString()}`, buildSlicePageRequest(fields, slice, after));
        const hits = response.hits.hits;
        if (hits.length === 0) break;
        let chunk = '';
        for (const hit of hits) {
          if (hit._source === undefined) throw new UnexpectedAnswerError(`a ${tier} document came back without its _source: hopscope reads lines from _source`);
          chunk += `${JSON.stringify(hit._source)}\n`;
        }
        onLines(hits.length);
        if (!out.write(chunk)) await once(out, 'drain');
        after = hits.at(-1)?.sort ?? null;
        if (hits.length < MAX_HITS_PER_REQUEST || after === null) break;
      }
    } finally {
      out.end();
      await once(out, 'close');
    }
    return await writeLineFile(tier, ndjson, fields, file);
  } finally {
    rmSync(ndjson, { force: true });
  }
}
