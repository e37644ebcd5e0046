import type { TriageBackend } from './triage-types';
import type { CallOptions, FirstAnswer, LatencyBackend } from './types';
import type { TraceQuery } from '@/lib/domain/query';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import type { KeptAnswers } from './kept-answers';
import { SharedCalls } from './shared-calls';

/** A call's identity: the verb and its arguments (plain, JSON-serializable domain values). */
function callKey(verb: string, args: readonly unknown[]): string {
  return JSON.stringify([verb, ...args]);
}

/**
 * The backend with identical concurrent calls shared (see SharedCalls): every verb that asks the
 * store a question over a trace set. Answers are domain values the callers only read. With `kept`
 * (a store that never changes: a snapshot), an answer is also kept, with its notices, and every
 * later identical call gets it without asking the store.
 */
export function withSharedCalls(backend: LatencyBackend, kept?: KeptAnswers): LatencyBackend {
  const calls = new SharedCalls();
  // A call's first argument is its query wherever a sample may answer (a window, fromMs/toMs).
  const answersExactly = (query: unknown, firstAnswer: FirstAnswer) => {
    if (firstAnswer.sample || typeof query !== 'object' || query === null) return false;
    const { fromMs, toMs } = query as Partial<TraceQuery>;
    return typeof fromMs === 'number' && typeof toMs === 'number' && backend.isWindowReady?.(fromMs, toMs) === true;
  };
  const share = <T>(verb: string, args: readonly unknown[], options: CallOptions | undefined, start: (options: CallOptions) => Promise<T>) => {
    // A request accepting a sampled first answer has all its calls answered from one choice, made
    // for it (window-engines.ts): on live Elasticsearch, where it may be a sample, its calls are its
    // own until the window is read (then no request gets a sample: colleagues opening the same
    // link share the answers again), unless it already answered from a sample. No other store
    // samples: the option means nothing there and the calls are shared.
    if (options?.firstAnswer) {
      if (backend.kind === 'elasticsearch' && !backend.frozenWindow && !answersExactly(args[0], options.firstAnswer)) return start(options);
      options = { signal: options.signal, onNotice: options.onNotice };
    }
    const key = callKey(verb, args);
    const known = kept?.get(key);
    if (known) {
      for (const notice of known.notices) options?.onNotice?.(notice);
      return Promise.resolve(known.value as T);
    }
    if (!kept) return calls.run(key, options, start);
    return calls.run(key, options, async (shared) => {
      const notices: AnswerNotice[] = [];
      const value = await start({ ...shared, onNotice: (notice) => void (notices.push(notice), shared.onNotice?.(notice)) });
      kept.put(key, value, notices);
      return value;
    });
  };

  const triage: TriageBackend = {
    kind: backend.triage.kind,
    fetchSegmentStats: (query, slow, options) =>
      share('fetchSegmentStats', [query, slow], options, (shared) => backend.triage.fetchSegmentStats(query, slow, shared)),
    fetchFieldValueCounts: (query, slow, fields, limitPerField, options) =>
      share('fetchFieldValueCounts', [query, slow, fields, limitPerField], options, (shared) =>
        backend.triage.fetchFieldValueCounts(query, slow, fields, limitPerField, shared),
      ),
    fetchConnectDistributions: (query, maxGroups, options) =>
      share('fetchConnectDistributions', [query, maxGroups], options, (shared) =>
        backend.triage.fetchConnectDistributions(query, maxGroups, shared),
      ),
  };

  return {
    kind: backend.kind,
    ...(backend.frozenWindow ? { frozenWindow: backend.frozenWindow } : {}),
    triage,
    fetchDistributions: (query, options) =>
      share('fetchDistributions', [query], options, (shared) => backend.fetchDistributions(query, shared)),
    fetchEdgeDistribution: (query, options) =>
      share('fetchEdgeDistribution', [query], options, (shared) => backend.fetchEdgeDistribution(query, shared)),
    fetchBucketTraces: (query, selection, page, options) =>
      share('fetchBucketTraces', [query, selection, page], options, (shared) => backend.fetchBucketTraces(query, selection, page, shared)),
    fetchTrace: (traceId, options) => share('fetchTrace', [traceId], options, (shared) => backend.fetchTrace(traceId, shared)),
    fetchConnectTimeline: (query, timeline, options) =>
      share('fetchConnectTimeline', [query, timeline], options, (shared) => backend.fetchConnectTimeline(query, timeline, shared)),
    fetchSuggestions: (query, field, prefix, limit, options) =>
      share('fetchSuggestions', [query, field, prefix, limit], options, (shared) =>
        backend.fetchSuggestions(query, field, prefix, limit, shared),
      ),
    fetchExtent: (options) => share('fetchExtent', [], options, (shared) => backend.fetchExtent(shared)),
    checkHealth: (options) => backend.checkHealth(options),
    // A write: never shared with another caller's.
    freezeWindow: (plan, options) => backend.freezeWindow(plan, options),
    loadStatus: () => backend.loadStatus(),
    ...(backend.refreshWindow ? { refreshWindow: (fromMs: number, toMs: number) => backend.refreshWindow?.(fromMs, toMs) } : {}),
    ...(backend.isWindowReady ? { isWindowReady: (fromMs: number, toMs: number) => backend.isWindowReady?.(fromMs, toMs) === true } : {}),
    close: () => backend.close(),
  };
}
