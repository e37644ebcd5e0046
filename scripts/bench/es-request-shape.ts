/**
 * Pure helpers for the Elasticsearch request profile: a short name for what a request asks (so
 * many partition requests group as one kind), the union of overlapping request intervals (time
 * the answer waited on Elasticsearch), and a digest of a search profile (`profile: true`).
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** "terms(trace_ids, partitioned) + max", "composite(tuples)", "search size 500", "_pit", "_field_caps". */
export function describeEsRequest(method: string, path: string, body: unknown): string {
  const endpoint = path.split('?')[0]!.split('/').filter(Boolean).at(-1) ?? '';
  if (endpoint !== '_search') return `${method} ${endpoint.startsWith('_') ? endpoint : path.split('?')[0]}`;
  if (!isObject(body)) return 'search';
  const aggs = isObject(body.aggs) ? body.aggs : isObject(body.aggregations) ? body.aggregations : null;
  if (aggs) {
    const parts = Object.entries(aggs).map(([name, definition]) => {
      if (!isObject(definition)) return name;
      const kind = Object.keys(definition).find((key) => key !== 'aggs' && key !== 'aggregations' && key !== 'meta') ?? '?';
      const settings = definition[kind];
      const partitioned = isObject(settings) && isObject(settings.include) && 'partition' in settings.include ? ', partitioned' : '';
      const subs = isObject(definition.aggs) ? ` + ${Object.keys(definition.aggs).join(', ')}` : '';
      return `${kind}(${name}${partitioned})${subs}`;
    });
    return parts.join(' · ');
  }
  const size = typeof body.size === 'number' ? body.size : 10;
  return `search size ${size}${Array.isArray(body.search_after) ? ', search_after' : ''}`;
}

export type Interval = { startMs: number; endMs: number };

/** Total time covered by at least one interval (concurrent requests count once). */
export function unionMs(intervals: readonly Interval[]): number {
  const sorted = [...intervals].sort((a, b) => a.startMs - b.startMs);
  let total = 0;
  let current: Interval | null = null;
  for (const interval of sorted) {
    if (current && interval.startMs <= current.endMs) current.endMs = Math.max(current.endMs, interval.endMs);
    else {
      if (current) total += current.endMs - current.startMs;
      current = { ...interval };
    }
  }
  if (current) total += current.endMs - current.startMs;
  return total;
}

type ProfileNode = { type?: unknown; description?: unknown; time_in_nanos?: unknown; children?: unknown };

function flattenAggregations(nodes: unknown, into: { type: string; description: string; nanos: number }[]): void {
  if (!Array.isArray(nodes)) return;
  for (const node of nodes as ProfileNode[]) {
    into.push({ type: String(node.type ?? '?'), description: String(node.description ?? ''), nanos: Number(node.time_in_nanos ?? 0) });
    flattenAggregations(node.children, into);
  }
}

/**
 * A search profile's digest: per shard the query time and the aggregation time by aggregation
 * (summed over shards, slowest first). Times in milliseconds.
 */
export function digestSearchProfile(response: unknown): { shards: number; queryMs: number; aggregations: { name: string; ms: number }[] } {
  const shards = isObject(response) && isObject(response.profile) && Array.isArray(response.profile.shards) ? (response.profile.shards as Json[]) : [];
  let queryNanos = 0;
  const byAggregation = new Map<string, number>();
  for (const shard of shards) {
    for (const search of Array.isArray(shard.searches) ? (shard.searches as Json[]) : []) {
      for (const query of Array.isArray(search.query) ? (search.query as ProfileNode[]) : []) queryNanos += Number(query.time_in_nanos ?? 0);
    }
    const aggregations: { type: string; description: string; nanos: number }[] = [];
    flattenAggregations(shard.aggregations, aggregations);
    for (const aggregation of aggregations) {
      const name = `${aggregation.description} (${aggregation.type})`;
      byAggregation.set(name, (byAggregation.get(name) ?? 0) + aggregation.nanos);
    }
  }
  return {
    shards: shards.length,
    queryMs: queryNanos / 1e6,
    aggregations: [...byAggregation.entries()].map(([name, nanos]) => ({ name, ms: nanos / 1e6 })).sort((a, b) => b.ms - a.ms),
  };
}
