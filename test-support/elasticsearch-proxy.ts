import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small programmable HTTP proxy in front of the real Elasticsearch node, for the failure tests:
 * it records every request (method and path), can hold requests before forwarding them, and can
 * answer the first N requests itself with an Elasticsearch-shaped error. Everything else reaches
 * the node unchanged, so the answers stay the real node's.
 *
 * Injected 401/403 stand in for a cluster with security on: the test node runs without it
 * (scripts/elasticsearch.sh switches x-pack security off, which would otherwise need TLS
 * certificates and passwords), so it cannot refuse a request by itself. The bodies below are the
 * ones Elasticsearch sends for these statuses.
 */

export type RecordedRequest = { method: string; path: string; injected: number | null; abandoned: boolean };

type Injection = { status: number; remaining: number; matches: (request: { method: string; path: string }) => boolean };

const ERROR_BODIES: Record<number, object> = {
  401: {
    error: {
      root_cause: [{ type: 'security_exception', reason: 'unable to authenticate with provided credentials and anonymous access is not allowed for this request' }],
      type: 'security_exception',
      reason: 'unable to authenticate with provided credentials and anonymous access is not allowed for this request',
    },
    status: 401,
  },
  403: {
    error: {
      root_cause: [{ type: 'security_exception', reason: 'action [indices:data/read/search] is unauthorized for API key id [hopscope] of user [hopscope]' }],
      type: 'security_exception',
      reason: 'action [indices:data/read/search] is unauthorized for API key id [hopscope] of user [hopscope]',
    },
    status: 403,
  },
  429: {
    error: {
      root_cause: [{ type: 'es_rejected_execution_exception', reason: 'rejected execution of TimedRunnable on EsThreadPoolExecutor[name = search, queue capacity = 1000]' }],
      type: 'es_rejected_execution_exception',
      reason: 'rejected execution of TimedRunnable on EsThreadPoolExecutor[name = search, queue capacity = 1000]',
    },
    status: 429,
  },
  503: {
    error: {
      root_cause: [{ type: 'cluster_block_exception', reason: 'blocked by: [SERVICE_UNAVAILABLE/1/state not recovered /initialized];' }],
      type: 'cluster_block_exception',
      reason: 'blocked by: [SERVICE_UNAVAILABLE/1/state not recovered /initialized];',
    },
    status: 503,
  },
};

export type ElasticsearchProxy = {
  url: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Holds every matching request this long before forwarding it (0: none). */
  setDelayMs(ms: number, matches?: (request: { method: string; path: string }) => boolean): void;
  /** Answers the next `count` matching requests with `status` and Elasticsearch's body for it. */
  inject(status: keyof typeof ERROR_BODIES, count: number, matches?: Injection['matches']): void;
  /** Forgets injections and delays not used up yet. */
  reset(): void;
  /** Resolves when a request matching `matches` has arrived (polling the record, no fixed sleep). */
  waitForRequest(matches: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  close(): Promise<void>;
};

/** Starts a proxy on a free loopback port in front of `target` (e.g. the ES_URL node). */
export async function startElasticsearchProxy(target: string): Promise<ElasticsearchProxy> {
  const upstream = new URL(target);
  const requests: RecordedRequest[] = [];
  const injections: Injection[] = [];
  let delay = { ms: 0, matches: (_request: { method: string; path: string }) => true };

  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const record: RecordedRequest = { method: incoming.method ?? 'GET', path: incoming.url ?? '/', injected: null, abandoned: false };
    requests.push(record);
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) record.abandoned = true;
    });
    const injection = injections.find((candidate) => candidate.remaining > 0 && candidate.matches(record));
    if (injection) {
      injection.remaining -= 1;
      record.injected = injection.status;
      incoming.resume();
      outgoing.writeHead(injection.status, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
      outgoing.end(JSON.stringify(ERROR_BODIES[injection.status]));
      return;
    }
    if (delay.ms > 0 && delay.matches(record)) await new Promise((resolve) => setTimeout(resolve, delay.ms));
    if (record.abandoned) return;
    const proxied = forward(
      { host: upstream.hostname, port: upstream.port, method: record.method, path: record.path, headers: { ...incoming.headers, host: upstream.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    proxied.on('error', () => outgoing.destroy());
    // The caller went away: so does the request to the node, as a browser's abandoned query would.
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) proxied.destroy();
    });
    incoming.pipe(proxied);
  };

  const server = createServer((incoming, outgoing) => void handle(incoming, outgoing));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setDelayMs: (ms, matches = () => true) => {
      delay = { ms, matches };
    },
    inject: (status, count, matches = () => true) => void injections.push({ status, remaining: count, matches }),
    reset: () => {
      injections.length = 0;
      delay = { ms: 0, matches: () => true };
    },
    waitForRequest: async (matches, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = requests.find(matches);
        if (found) return found;
        if (Date.now() > deadline) throw new Error('the proxy saw no matching request in time');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
