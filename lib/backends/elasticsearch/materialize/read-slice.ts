import 'server-only';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { estypes } from '@elastic/elasticsearch';
import { writeLineFile } from '@/lib/backends/duckdb/connection';
import type { FieldNames, SourceAliases } from '@/lib/domain/field-names';
import type { Tier } from '@/lib/domain/tiers';
import type { TraceIdRange } from '@/lib/domain/trace-id-sample';
import { UnexpectedAnswerError } from '../answer-errors';
import { timeRangeFilter } from '../filters';
import type { ElasticsearchSession } from '../session';
import type { TimeSlice } from './slice-plan';

/** Hits a page: an answer of a few MB, which the normalization reads whole within its memory (connection.ts, writeLineFile). */
export const SLICE_PAGE_HITS = 5_000;

/** A sample's lines only: those whose trace id (the field as queried, a keyword) is in the range. */
export type TraceIdFilter = { field: string; range: TraceIdRange };

/**
 * A search_after page of a slice's documents in shard order (the cheapest order to read
 * everything in), whole: Elasticsearch sends a stored `_source` as it is, where limiting it to the
 * configured fields made it parse every document (1.7× slower on the benchmark's lines, and
 * Elasticsearch is what a cold window waits for). The raw lines kept are then the documents as
 * shipped, as a trace page shows them.
 */
export function buildSlicePageRequest(fields: FieldNames, slice: TimeSlice, after: estypes.SortResults | null, traceIds?: TraceIdFilter): estypes.SearchRequest {
  const time = timeRangeFilter(fields.timestamp, slice.startMs, slice.endMs);
  const sampled = traceIds ? [{ range: { [traceIds.field]: { gte: traceIds.range.from, lt: traceIds.range.to } } }] : [];
  return {
    size: SLICE_PAGE_HITS,
    track_total_hits: false,
    query: { bool: { filter: [...time, ...sampled] } },
    sort: [{ _shard_doc: 'asc' }],
    _source: true,
    // The line's time as Elasticsearch parsed it (whatever the mapping's date format): the time the
    // slices and ranges chose the line by, and the one the engine keeps (build-load.ts).
    docvalue_fields: [{ field: fields.timestamp, format: 'epoch_millis' }],
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
 * Lines of one slice are numbered from the slice's ordinal (its start over its width) times 2^32,
 * so ids are unique across the slices a window gathers (below 2^53 until the year 2500 for
 * quarter hours), whatever the order the slices were read in.
 */
export function firstDocIdOf(slice: TimeSlice): number {
  return Math.floor(slice.startMs / (slice.endMs - slice.startMs)) * 2 ** 32;
}

/** How often a key occurs in an answer (a quote inside a JSON string is escaped, so only keys match). */
function countKey(body: Buffer, key: string): number {
  let count = 0;
  for (let at = body.indexOf(key); at >= 0; at = body.indexOf(key, at + key.length)) count += 1;
  return count;
}

/**
 * Reads a tier's slice from Elasticsearch (search_after on the session's point in time, so lines
 * arriving meanwhile do not shift the pages) as the answers' bytes, one a file, then normalizes
 * it with the embedded store's own load into a line file at `file`: DuckDB parses the documents,
 * Node never does. A field whose configured name is an alias is read at its `aliases` paths.
 * `onLines` hears every page. Returns the lines.
 */
export async function readSlice(
  session: ElasticsearchSession,
  fields: FieldNames,
  aliases: SourceAliases,
  tier: Tier,
  slice: TimeSlice,
  file: string,
  onLines: (lines: number) => void,
  traceIds?: TraceIdFilter,
): Promise<number> {
  // One answer a file: the normalization reads each whole (build-load.ts, buildSearchPagesLinesSql).
  const pages = `${file}.pages`;
  mkdirSync(pages, { recursive: true });
  try {
    let after: estypes.SortResults | null = null;
    for (let number = 0; ; number += 1) {
      const page = await session.searchPage(tier, `reading the ${tier} lines of ${new Date(slice.startMs).toISOString()}`, buildSlicePageRequest(fields, slice, after, traceIds));
      if (!page.hasHits) break;
      // Every hit has its sort values. One without `_source` (disabled in the mapping) is caught by
      // the normalization, which pairs each hit's _source with its time (scanning every answer
      // here for it cost a tenth of Node's time reading a window).
      const hits = countKey(page.body, '"sort":[');
      await writeFile(path.join(pages, `${String(number).padStart(6, '0')}.json`), page.body);
      onLines(hits);
      after = (page.lastSort as estypes.SortResults | null) ?? null;
      if (hits < SLICE_PAGE_HITS || after === null) break;
    }
    if (readdirSync(pages).length === 0) await writeFile(path.join(pages, 'empty.json'), '{"hits":{"hits":[]}}');
    return await writeLineFile(tier, path.join(pages, '*.json'), fields, aliases, file, firstDocIdOf(slice), SLICE_PAGE_HITS);
  } finally {
    rmSync(pages, { recursive: true, force: true });
  }
}
