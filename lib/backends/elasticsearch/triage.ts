import 'server-only';
import type { TriageBackend } from '@/lib/backends/triage-types';
import type { CallOptions } from '@/lib/backends/types';
import { ConcurrencyLimit } from '../concurrency-limit';
import { DEFAULT_SLOW_MS, type TraceQuery } from '@/lib/domain/query';
import { slowFrom, type SlowRange } from '@/lib/domain/triage/slow-range';
import type { TuningConfig } from './backend-config';
import type { FieldPlan } from './query-plan';
import type { ElasticsearchSession } from './session';
import { SharedJoins } from './shared-joins';
import { joinTriageTraces, type TriageJoin } from './verbs/join-triage-traces';

/** Runs a verb in a session of the backend (index.ts); `snapshot` reads one point in time per tier. */
export type RunVerb = <T>(options: CallOptions | undefined, snapshot: boolean, verb: (session: ElasticsearchSession, plan: FieldPlan) => Promise<T>) => Promise<T>;

export type ElasticsearchTriageConfig = { run: RunVerb; tuning: TuningConfig };

/**
 * Triage joins run in Node (up to a partition of tuples in memory, seconds of CPU at 100,000
 * traces): one at a time, so that several open pages cannot stack their joins' memory in one
 * process or hold its event loop against the histograms someone is waiting for.
 */
const JOINS_AT_ONCE = 1;

/**
 * The triage verbs on Elasticsearch. The store cannot join the tiers, so each answer is a view
 * of one join of the trace set (verbs/join-triage-traces): the representatives of every trace go
 * through the domain's TriageAccumulator, which the DuckDB SQL is checked against. Calls made
 * together on the same query and slow range share that join (SharedJoins).
 */
export function createElasticsearchTriage({ run, tuning }: ElasticsearchTriageConfig): TriageBackend {
  const joins = new SharedJoins<TriageJoin>();
  const lane = new ConcurrencyLimit(JOINS_AT_ONCE);
  /** `slow` null: the connect distributions, which do not depend on the slow range. */
  const join = (query: TraceQuery, slow: SlowRange | null, signal: AbortSignal | undefined) =>
    joins.share(JSON.stringify(query), slow, slowFrom(DEFAULT_SLOW_MS), signal, (range, sharedSignal) =>
      // A shared join has several callers, so its notices reach none of them (see docs/TRIAGE.md).
      lane.run(
        () => run({ signal: sharedSignal }, true, (session, plan) => joinTriageTraces(session, plan, tuning, query, range)),
        0,
        sharedSignal,
      ),
    );

  return {
    kind: 'elasticsearch',

    async fetchSegmentStats(query, slow, options) {
      const { accumulator, sample } = await join(query, slow, options?.signal);
      return accumulator.segmentStats(sample);
    },

    async fetchFieldValueCounts(query, slow, fields, limitPerField, options) {
      const { accumulator, sample } = await join(query, slow, options?.signal);
      return accumulator.fieldValueCounts(fields, limitPerField, sample);
    },

    async fetchConnectDistributions(query, maxGroups, options) {
      const { accumulator, sample } = await join(query, null, options?.signal);
      return accumulator.connectDistributions(maxGroups, sample);
    },
  };
}
