import 'server-only';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LatencyBackend } from '@/lib/backends/types';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import { TIERS, type Tier } from '@/lib/domain/tiers';
import {
  describeSample,
  FIRST_CHARACTERS,
  HEX_CASES,
  inCase,
  traceIdRangeFor,
  uniformSampleRange,
  type TraceIdRange,
  type TraceIdSpread,
} from '@/lib/domain/trace-id-sample';
import { UnexpectedAnswerError } from '../answer-errors';
import { timeRangeFilter } from '../filters';
import type { ElasticsearchSession } from '../session';
import type { TraceIdFilter } from './read-slice';
import type { TimeSlice } from './slice-plan';
import type { SampleEngine } from './window-engines';

/**
 * How the edge lines of `span` spread over the first character of their trace id, and how many
 * fall in `range` written in either case: one request, whose filters are prefix and range queries
 * on the keyword.
 */
export async function fetchTraceIdSpread(session: ElasticsearchSession, timeField: string, traceIdField: string, span: TimeSlice, range: TraceIdRange): Promise<TraceIdSpread> {
  const response = await session.search('edge', 'checking that trace ids can be sampled', {
    size: 0,
    track_total_hits: true,
    query: { bool: { filter: timeRangeFilter(timeField, span.startMs, span.endMs) } },
    aggs: {
      // A bucket's key is the character itself: filters keys are free text, and 'a' and 'A' differ.
      first: { filters: { filters: Object.fromEntries(FIRST_CHARACTERS.map((character) => [character, { prefix: { [traceIdField]: character } }])) } },
      ...Object.fromEntries(
        HEX_CASES.map((hexCase) => {
          const written = inCase(range, hexCase);
          return [`sampled_${hexCase}`, { filter: { range: { [traceIdField]: { gte: written.from, lt: written.to } } } }];
        }),
      ),
    },
  });
  const total = response.hits.total;
  const lines = typeof total === 'number' ? total : total?.relation === 'eq' ? total.value : null;
  type Counted = { doc_count: number };
  const aggregations = response.aggregations as { first?: { buckets?: Record<string, Counted> }; sampled_lower?: Counted; sampled_upper?: Counted } | undefined;
  const buckets = aggregations?.first?.buckets;
  const lower = aggregations?.sampled_lower;
  const upper = aggregations?.sampled_upper;
  if (lines === null || !buckets || !lower || !upper) {
    // A pattern matching no index answers no aggregation: nothing to sample.
    if (response._shards.total === 0) return { lines: 0, byFirstCharacter: {}, inRange: { lower: 0, upper: 0 } };
    throw new UnexpectedAnswerError('the trace id spread came back without its counts');
  }
  const byFirstCharacter = Object.fromEntries(FIRST_CHARACTERS.map((character) => [character, buckets[character]?.doc_count ?? 0]));
  return { lines, byFirstCharacter, inRange: { lower: lower.doc_count, upper: upper.doc_count } };
}

/** What a sample's engine needs from the backend: sessions, the trace id fields as queried, the read and the engine. */
export type SampleWindowDeps = {
  /** Edge lines the sample aims at. */
  targetLines: number;
  /** The trace id of each tier as queried (a `.keyword` sub-field when the field is text). */
  traceIdFields: (signal: AbortSignal) => Promise<Record<Tier, string>>;
  spread: (traceIdField: string, span: TimeSlice, range: TraceIdRange, signal: AbortSignal) => Promise<TraceIdSpread>;
  readSample: (tier: Tier, span: TimeSlice, file: string, traceIds: TraceIdFilter, signal: AbortSignal) => Promise<{ lines: number; notices: AnswerNotice[] }>;
  openEngine: (files: Record<Tier, string[]>) => LatencyBackend;
};

const spanOf = (slices: readonly TimeSlice[]): TimeSlice => ({ startMs: slices[0]?.startMs ?? 0, endMs: slices.at(-1)?.endMs ?? 0 });

/**
 * A sampled first answer's engine for a window's slices (docs/ARCHITECTURE.md, "Sampled first
 * answers"): the traces of a range of trace ids, read from both tiers over the whole window, once
 * the spread of the window's ids shows the range samples it uniformly. Null when it does not
 * (structured ids, ids in mixed case, a window too small to sample): the answer then waits for the
 * exact read. Its files are its own, removed when it closes.
 */
export async function openSampleEngine(deps: SampleWindowDeps, slices: Record<Tier, TimeSlice[]>, edgeLinesInWindow: number, signal: AbortSignal): Promise<SampleEngine | null> {
  const lowerRange = traceIdRangeFor(edgeLinesInWindow, deps.targetLines);
  if (!lowerRange) return null;
  const spans = { edge: spanOf(slices.edge), ingress: spanOf(slices.ingress) };
  const fields = await deps.traceIdFields(signal);
  const spread = await deps.spread(fields.edge, spans.edge, lowerRange, signal);
  // The range as the window's ids are written (lower or upper case).
  const range = uniformSampleRange(spread, lowerRange);
  if (!range) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hopscope-sample-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const files = { edge: path.join(dir, 'edge.parquet'), ingress: path.join(dir, 'ingress.parquet') };
    const reads = await Promise.all(TIERS.map((tier) => deps.readSample(tier, spans[tier], files[tier], { field: fields[tier], range }, signal)));
    const backend = deps.openEngine({ edge: [files.edge], ingress: [files.ingress] });
    try {
      // The engine builds its store on first use: built now, so the first answer does not wait for it.
      await backend.fetchExtent();
    } catch (error) {
      await backend.close();
      throw error;
    }
    return {
      backend,
      statement: describeSample(range, reads[0]?.lines ?? 0, spread.lines),
      notices: reads.flatMap((read) => read.notices),
      close: async () => {
        await backend.close();
        remove();
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}
