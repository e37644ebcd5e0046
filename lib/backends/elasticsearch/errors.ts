import 'server-only';
import { errors } from '@elastic/elasticsearch';
import { AppError } from '@/lib/server/core/errors';

/** What the user is told about a failed request: which query, against which node and indices. */
export type RequestContext = { what: string; url: string; indices: readonly string[]; timeoutMs: number };

type ErrorBody = { error?: { type?: string; reason?: string; root_cause?: { type?: string; reason?: string }[] } };

/** The URL without credentials, safe to show. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}

/** Seconds as people read them: "30 s", "0.3 s". */
export const formatSeconds = (ms: number): string => `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s`;

export function reasonOf(body: unknown): { type: string; reason: string } {
  const error = (body as ErrorBody | undefined)?.error;
  const cause = error?.root_cause?.[0];
  return { type: cause?.type ?? error?.type ?? 'unknown', reason: cause?.reason ?? error?.reason ?? '' };
}

/**
 * Worth another try after a pause: the node is busy (429) or not ready (503), or a kept-alive
 * connection was closed under the request (reset), which the client's own retry used to cover.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof errors.ResponseError) return error.statusCode === 429 || error.statusCode === 503;
  return error instanceof errors.ConnectionError && /ECONNRESET|socket hang up|other side closed/i.test(error.message);
}

function fromResponseError(error: errors.ResponseError, context: RequestContext): AppError {
  const status = error.statusCode ?? 0;
  const { type, reason } = reasonOf(error.body);
  const indices = context.indices.join(', ');
  if (status === 401 || status === 403) {
    return new AppError(
      'backend_unauthorized',
      `Elasticsearch refused ${context.what} (HTTP ${status}: ${reason || type}). The API key or user needs the ` +
        `read and view_index_metadata index privileges on ${indices}.`,
      undefined,
      { cause: error },
    );
  }
  if (type === 'index_not_found_exception') {
    return new AppError('index_not_found', `no Elasticsearch index matches ${indices} (${reason})`, undefined, { cause: error });
  }
  if (status === 429 || status === 503) {
    const state = status === 429 ? 'overloaded (HTTP 429 Too Many Requests' : 'not ready (HTTP 503 Service Unavailable';
    return new AppError('backend_unavailable', `Elasticsearch is ${state}: ${reason || type}) during ${context.what}`, undefined, { cause: error });
  }
  if (status === 408 || status === 504) return timeoutError(context, error);
  return new AppError('backend_error', `Elasticsearch failed ${context.what}: ${type}${reason ? `: ${reason}` : ''}`, undefined, { cause: error });
}

function timeoutError(context: RequestContext, cause: unknown): AppError {
  return new AppError(
    'backend_timeout',
    `Elasticsearch timed out after ${formatSeconds(context.timeoutMs)} on ${context.what} (HOPSCOPE_ES_TIMEOUT_MS=${context.timeoutMs}); ` +
      'narrow the time range or filters',
    undefined,
    { cause },
  );
}

/**
 * Network and TLS failures, by what the socket reported. The advice is the point: each names
 * the setting to check.
 */
const CONNECTION_FAILURES: { pattern: RegExp; describe: (url: string, match: string, message: string) => string }[] = [
  { pattern: /ECONNREFUSED/, describe: (url) => `cannot reach Elasticsearch at ${url}: connection refused (ECONNREFUSED); is the node running, and is ES_URL's port right?` },
  {
    pattern: /ENOTFOUND|EAI_AGAIN/,
    describe: (url, detail) => `cannot reach Elasticsearch at ${url}: the host name does not resolve (DNS: ${detail}); check ES_URL`,
  },
  {
    pattern: /wrong version number|packet length too long|EPROTO|http request/i,
    describe: (url) => `TLS handshake with Elasticsearch at ${url} failed: the port does not speak TLS; use http:// in ES_URL, or the node's HTTPS port`,
  },
  {
    pattern: /self[- ]signed|unable to (verify|get local issuer)|CERT_|certificate/i,
    describe: (url, _match, message) =>
      `the TLS certificate of Elasticsearch at ${url} is not trusted (${message}); set ES_CA_CERT to the PEM file of the CA that signed it`,
  },
  { pattern: /ECONNRESET|EHOSTUNREACH|ENETUNREACH|EPIPE|socket hang up/, describe: (url, detail) => `cannot reach Elasticsearch at ${url} (${detail})` },
];

function fromConnectionError(error: Error, context: RequestContext): AppError {
  const url = redactUrl(context.url);
  const message = error.message.trim();
  for (const failure of CONNECTION_FAILURES) {
    const match = failure.pattern.exec(message);
    if (match) return new AppError('backend_unavailable', failure.describe(url, match[0], message), undefined, { cause: error });
  }
  return new AppError('backend_unavailable', `cannot reach Elasticsearch at ${url} (${message})`, undefined, { cause: error });
}

/**
 * Maps a client failure to the API's error codes. An abort by the caller's signal is not a
 * backend failure: the abort reason is rethrown as it is.
 */
export function toBackendError(error: unknown, context: RequestContext, signal?: AbortSignal): unknown {
  if (error instanceof AppError) return error;
  if (signal?.aborted) return signal.reason ?? error;
  if (error instanceof errors.TimeoutError) return timeoutError(context, error);
  if (error instanceof errors.ResponseError) return fromResponseError(error, context);
  if (error instanceof errors.ConnectionError || error instanceof errors.NoLivingConnectionsError) return fromConnectionError(error, context);
  if (error instanceof errors.ProductNotSupportedError) {
    return new AppError('backend_error', `${redactUrl(context.url)} does not answer as Elasticsearch`, undefined, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('backend_error', `Elasticsearch request failed during ${context.what}: ${message}`, undefined, { cause: error });
}

/** How many shards of one request failed; null when all answered. */
export type ShardFailure = { failed: number; total: number; reason: string };

/**
 * A search that timed out inside Elasticsearch is an error; one answered by only part of the
 * shards (a shard without a live copy, a shard that failed the query) is kept and its failure
 * returned, so the answer can be shown with a warning.
 */
export function shardFailureOf(
  response: {
    timed_out?: boolean;
    _shards?: { total?: number; failed?: number; failures?: { index?: string | null; reason?: { type?: string; reason?: string | null } }[] };
  },
  context: RequestContext,
): ShardFailure | null {
  if (response.timed_out) throw timeoutError(context, null);
  const failed = response._shards?.failed ?? 0;
  if (failed === 0) return null;
  const first = response._shards?.failures?.[0];
  const reason = `${first?.reason?.type ?? 'unknown'}${first?.reason?.reason ? `: ${first.reason.reason}` : ''}${first?.index ? ` (index ${first.index})` : ''}`;
  return { failed, total: response._shards?.total ?? failed, reason };
}
