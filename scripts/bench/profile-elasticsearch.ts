import type { Client } from '@elastic/elasticsearch';
import { describeEsRequest, digestSearchProfile, unionMs } from './es-request-shape';
import type { RecordedRequest, RecordingProxy } from './es-recording-proxy';
import { formatDuration } from './format';
import { timedGet } from './http-timing';

type Json = Record<string, unknown>;

/** The search body without its point in time, and the index the point in time was opened on. */
function standalone(request: RecordedRequest, pitIndices: ReadonlyMap<string, string>): { index: string; body: Json } | null {
  if (typeof request.body !== 'object' || request.body === null) return null;
  const { pit, ...body } = request.body as Json & { pit?: { id?: string } };
  const fromPath = request.path.split('?')[0]!.split('/').filter(Boolean);
  const index = pit?.id ? pitIndices.get(pit.id) : fromPath.length > 1 ? decodeURIComponent(fromPath[0]!) : undefined;
  return index ? { index, body } : null;
}

/** Per kind of request: how many, their summed wall time and Elasticsearch's summed `took`. */
function byKind(requests: readonly RecordedRequest[]): string[] {
  const kinds = new Map<string, { count: number; ms: number; took: number }>();
  for (const request of requests) {
    const kind = describeEsRequest(request.method, request.path, request.body);
    const entry = kinds.get(kind) ?? { count: 0, ms: 0, took: 0 };
    entry.count += 1;
    entry.ms += request.endMs - request.startMs;
    entry.took += request.tookMs ?? 0;
    kinds.set(kind, entry);
  }
  return [...kinds.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([kind, entry]) => `  ${String(entry.count).padStart(4)} × ${kind}: ${formatDuration(entry.ms)} in all, took ${formatDuration(entry.took)}`);
}

/**
 * One warm answer of an endpoint with every Elasticsearch request it made: how much of the
 * answer was spent waiting on Elasticsearch (union of the request intervals), by kind of
 * request, and the slowest search re-run with the profile API (query versus aggregation time).
 */
export async function profileElasticsearchEndpoint(baseUrl: string, path: string, proxy: RecordingProxy, client: Client, warmUp: boolean): Promise<string> {
  if (warmUp) await timedGet(baseUrl, path);
  proxy.take();
  const answer = await timedGet(baseUrl, path);
  const requests = proxy.take();
  const waitedMs = unionMs(requests.map((request) => ({ startMs: request.startMs, endMs: request.endMs })));
  const lines = [
    `answer ${formatDuration(answer.ms)} (status ${answer.status}, ${answer.bytes.toLocaleString('en-US')} bytes): ${requests.length} Elasticsearch requests; ` +
      `waiting on Elasticsearch ${formatDuration(waitedMs)} (${Math.round((100 * waitedMs) / answer.ms)} % of the answer), the rest in Node`,
    'by kind (count, summed wall time, summed took):',
    ...byKind(requests),
  ];
  const slowest = requests
    .filter((request) => request.path.split('?')[0]!.endsWith('/_search'))
    .sort((a, b) => b.endMs - b.startMs - (a.endMs - a.startMs))[0];
  const rerun = slowest ? standalone(slowest, proxy.pitIndices) : null;
  if (slowest && rerun) {
    const response = await client.search({ index: rerun.index, ...rerun.body, profile: true });
    const digest = digestSearchProfile(response);
    lines.push(
      `slowest search: ${describeEsRequest(slowest.method, slowest.path, slowest.body)}, ${formatDuration(slowest.endMs - slowest.startMs)} (took ${slowest.tookMs ?? '?'} ms); ` +
        `re-run with profile: true on ${rerun.index}: took ${response.took} ms, ${digest.shards} shard(s), query ${formatDuration(digest.queryMs)}`,
      ...digest.aggregations.slice(0, 4).map((aggregation) => `  aggregation ${aggregation.name}: ${formatDuration(aggregation.ms)}`),
    );
  }
  return lines.join('\n');
}
