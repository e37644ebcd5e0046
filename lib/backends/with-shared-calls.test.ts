import { describe, expect, it } from 'vitest';
import type { TraceQuery } from '@/lib/domain/query';
import type { LatencyBackend } from './types';
import { KeptAnswers } from './kept-answers';
import { withSharedCalls } from './with-shared-calls';

/** Counts the calls that reach the store; every answer takes a moment, so concurrent calls overlap. */
function countingBackend(kind: 'duckdb' | 'elasticsearch' = 'duckdb') {
  const calls: string[] = [];
  const options: unknown[] = [];
  const answer = <T>(verb: string, value: T) => {
    calls.push(verb);
    return new Promise<T>((resolve) => setTimeout(() => resolve(value), 5));
  };
  const backend = {
    kind,
    triage: {
      kind,
      fetchSegmentStats: () => answer('fetchSegmentStats', {}),
      fetchFieldValueCounts: () => answer('fetchFieldValueCounts', {}),
      fetchConnectDistributions: () => answer('fetchConnectDistributions', {}),
    },
    fetchDistributions: (_query: TraceQuery, callOptions: unknown) => {
      options.push(callOptions);
      return answer('fetchDistributions', {});
    },
    fetchEdgeDistribution: () => answer('fetchEdgeDistribution', {}),
    fetchBucketTraces: () => answer('fetchBucketTraces', { traces: [], nextCursor: null }),
    fetchTrace: () => answer('fetchTrace', null),
    fetchConnectTimeline: () => answer('fetchConnectTimeline', {}),
    fetchSuggestions: () => answer('fetchSuggestions', []),
    fetchExtent: () => answer('fetchExtent', null),
    checkHealth: () => answer('checkHealth', { backend: 'duckdb', ok: true, message: '', details: {} }),
    close: async () => undefined,
  } as unknown as LatencyBackend;
  return { backend, calls, options };
}

const query = (app: string | null = null): TraceQuery => ({
  fromMs: Date.parse('2020-11-19T02:00:00Z'),
  toMs: Date.parse('2020-11-19T06:00:00Z'),
  app,
  path: null,
  latencyMinMs: null,
  latencyMaxMs: null,
});

describe('withSharedCalls', () => {
  it('leaves a request accepting a sampled first answer its own calls on live Elasticsearch, its choice with it', async () => {
    const { backend, calls, options } = countingBackend('elasticsearch');
    const shared = withSharedCalls(backend);
    const [first, second] = [{ sample: null }, { sample: null }];
    await Promise.all([shared.fetchDistributions(query(), { firstAnswer: first }), shared.fetchDistributions(query(), { firstAnswer: second })]);
    expect(calls).toEqual(['fetchDistributions', 'fetchDistributions']);
    expect(options.map((passed) => (passed as { firstAnswer?: unknown }).firstAnswer)).toEqual([first, second]);
    expect((options[0] as { firstAnswer?: unknown }).firstAnswer).toBe(first);
  });

  it('shares the calls of requests accepting a sample once live Elasticsearch has read their window (colleagues opening one link)', async () => {
    const { backend, calls, options } = countingBackend('elasticsearch');
    const readWindows: [number, number][] = [];
    const ready = { ...backend, isWindowReady: (fromMs: number, toMs: number) => (readWindows.push([fromMs, toMs]), true) } as LatencyBackend;
    const shared = withSharedCalls(ready);
    await Promise.all([
      shared.fetchDistributions(query(), { firstAnswer: { sample: null } }),
      shared.fetchDistributions(query(), { firstAnswer: { sample: null } }),
      shared.triage.fetchSegmentStats(query(), { latencyMinMs: 1000 } as never, { firstAnswer: { sample: null } }),
      shared.triage.fetchSegmentStats(query(), { latencyMinMs: 1000 } as never, { firstAnswer: { sample: null } }),
    ]);
    expect(calls).toEqual(['fetchDistributions', 'fetchSegmentStats']);
    expect((options[0] as { firstAnswer?: unknown }).firstAnswer).toBeUndefined();
    expect(readWindows[0]).toEqual([query().fromMs, query().toMs]);
  });

  it('keeps a request that answered from a sample on its own calls, though the window is read since', async () => {
    const { backend, calls, options } = countingBackend('elasticsearch');
    const shared = withSharedCalls({ ...backend, isWindowReady: () => true } as LatencyBackend);
    const sampled = { sample: { kind: 'trace_id_range', traceIdFrom: '00', traceIdTo: '08', fraction: 0.03, message: 'a sample' } } as never;
    await Promise.all([shared.fetchDistributions(query(), { firstAnswer: sampled }), shared.fetchDistributions(query(), { firstAnswer: sampled })]);
    expect(calls).toEqual(['fetchDistributions', 'fetchDistributions']);
    expect((options[0] as { firstAnswer?: unknown }).firstAnswer).toBe(sampled);
  });

  it('shares the calls of requests accepting a sample on a store that never samples, without the option', async () => {
    const { backend, calls, options } = countingBackend('duckdb');
    const shared = withSharedCalls(backend);
    await Promise.all([shared.fetchDistributions(query(), { firstAnswer: { sample: null } }), shared.fetchDistributions(query())]);
    expect(calls).toEqual(['fetchDistributions']);
    expect((options[0] as { firstAnswer?: unknown }).firstAnswer).toBeUndefined();
  });

  it('asks the store once for identical concurrent calls of a verb', async () => {
    const { backend, calls } = countingBackend();
    const shared = withSharedCalls(backend);
    const answers = await Promise.all([shared.fetchDistributions(query()), shared.fetchDistributions(query())]);
    expect(calls).toEqual(['fetchDistributions']);
    expect(answers[0]).toBe(answers[1]);
  });

  it('asks separately for different arguments and for different verbs', async () => {
    const { backend, calls } = countingBackend();
    const shared = withSharedCalls(backend);
    await Promise.all([
      shared.fetchDistributions(query()),
      shared.fetchDistributions(query('checkout')),
      shared.triage.fetchSegmentStats(query(), { minMs: 1000, maxMs: null }),
      shared.triage.fetchSegmentStats(query(), { minMs: 1000, maxMs: null }),
      shared.triage.fetchSegmentStats(query(), { minMs: 1000, maxMs: 1100 }),
    ]);
    expect(calls.sort()).toEqual(['fetchDistributions', 'fetchDistributions', 'fetchSegmentStats', 'fetchSegmentStats']);
  });

  it('asks again once the first call has answered', async () => {
    const { backend, calls } = countingBackend();
    const shared = withSharedCalls(backend);
    await shared.fetchTrace('abc');
    await shared.fetchTrace('abc');
    expect(calls).toEqual(['fetchTrace', 'fetchTrace']);
  });
});

describe('withSharedCalls with kept answers (a store that never changes)', () => {
  it('asks the store once per call, ever, and replays the answer with its notices', async () => {
    const { backend, calls } = countingBackend();
    const notice = { code: 'missing_field' as const, tier: 'edge' as const, field: 'host' as const, fix: 'x', message: 'no host' };
    const noticing = {
      ...backend,
      fetchDistributions: async (q: TraceQuery, options?: { onNotice?: (n: typeof notice) => void }) => {
        options?.onNotice?.(notice);
        return backend.fetchDistributions(q);
      },
    } as LatencyBackend;
    const kept = new KeptAnswers();
    const shared = withSharedCalls(noticing, kept);
    const first: unknown[] = [];
    const second: unknown[] = [];
    const a = await shared.fetchDistributions(query(), { onNotice: (n) => void first.push(n) });
    const b = await shared.fetchDistributions(query(), { onNotice: (n) => void second.push(n) });
    await shared.triage.fetchSegmentStats(query(), { minMs: 1000, maxMs: null });
    await shared.triage.fetchSegmentStats(query(), { minMs: 1000, maxMs: null });
    expect(b).toEqual(a);
    expect(calls).toEqual(['fetchDistributions', 'fetchSegmentStats']);
    expect([first, second]).toEqual([[notice], [notice]]);
    // Another question is asked.
    await shared.fetchDistributions(query('shop'));
    expect(calls).toEqual(['fetchDistributions', 'fetchSegmentStats', 'fetchDistributions']);
  });
});
