import type { Client, estypes } from '@elastic/elasticsearch';
import type { DatasetWindow } from './endpoints';
import { SLOW_SECONDS } from './endpoints';
import { summarize, type TimingSummary } from './stats';

/**
 * The method users had before hopscope (issue 6): list the slow requests, then for each trace id
 * one term query per tier, one after the other, as a Python script with the official client
 * does, and pair the lines in the script.
 */

export type PerTraceBaseline = {
  slowTraces: number;
  /** The listing query plus two term queries per trace. */
  queries: number;
  listMs: number;
  totalMs: number;
  perQuery: TimingSummary;
  /** Traces the ingress query found a line for. */
  joined: number;
  /** The traces, in listing order (edge @timestamp descending, then trace id ascending). */
  traceIds: string[];
};

type Hit = { _source?: Record<string, unknown> };

const toSeconds = (value: unknown): number | null => {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
  return Number.isFinite(seconds) ? seconds : null;
};

/** The slow traces' ids, newest first, as many as asked (duplicated lines listed once). */
async function listSlowTraceIds(client: Client, edgeIndex: string, window: DatasetWindow, count: number): Promise<string[]> {
  const response = await client.search<Record<string, unknown>>({
    index: edgeIndex,
    size: Math.min(count * 2, 10_000),
    _source: ['trace_id'],
    query: {
      bool: {
        filter: [{ range: { '@timestamp': { gte: window.from, lt: window.to } } }, { range: { request_time: { gte: SLOW_SECONDS } } }],
      },
    },
    sort: [{ '@timestamp': { order: 'desc' } }, { trace_id: { order: 'asc' } }] as estypes.Sort,
  });
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const hit of response.hits.hits as Hit[]) {
    const id = hit._source?.trace_id;
    if (typeof id !== 'string' || seen.has(id)) continue;
    seen.add(id);
    ids.push(id);
    if (ids.length === count) break;
  }
  return ids;
}

/** Runs the per-trace method over `count` slow traces of the window. */
export async function runPerTraceBaseline(
  client: Client,
  indices: { edge: string; ingress: string },
  window: DatasetWindow,
  count: number,
): Promise<PerTraceBaseline> {
  const started = performance.now();
  const traceIds = await listSlowTraceIds(client, indices.edge, window, count);
  const listMs = performance.now() - started;
  const queryMs: number[] = [];
  let joined = 0;
  const gapsMs: number[] = [];
  const lookUp = async (index: string, traceId: string): Promise<Hit[]> => {
    const queryStarted = performance.now();
    const response = await client.search<Record<string, unknown>>({ index, size: 10, query: { term: { trace_id: traceId } } });
    queryMs.push(performance.now() - queryStarted);
    return response.hits.hits as Hit[];
  };
  for (const traceId of traceIds) {
    const edge = await lookUp(indices.edge, traceId);
    const ingress = await lookUp(indices.ingress, traceId);
    // What such a script computes per trace: the time between the tiers.
    const edgeSeconds = toSeconds(edge[0]?._source?.request_time);
    const ingressSeconds = toSeconds(ingress[0]?._source?.request_time);
    if (ingress.length > 0) joined += 1;
    if (edgeSeconds !== null && ingressSeconds !== null) gapsMs.push(Math.round((edgeSeconds - ingressSeconds) * 1000));
  }
  const totalMs = performance.now() - started;
  return { slowTraces: traceIds.length, queries: 1 + queryMs.length, listMs, totalMs, perQuery: summarize(queryMs.length > 0 ? queryMs : [0]), joined, traceIds };
}

/** How many of the baseline's traces hopscope's pages listed too. */
export function overlap(baselineIds: readonly string[], hopscopeIds: readonly string[]): number {
  const listed = new Set(hopscopeIds);
  return baselineIds.filter((id) => listed.has(id)).length;
}
