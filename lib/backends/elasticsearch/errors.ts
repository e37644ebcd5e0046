import 'server-only';
import { errors } from '@elastic/elasticsearch';
import { AppError } from '@/lib/server/errors';

/** What the user is told about a failed request: which query, against which node and indices. */
export type RequestContext = { what: string; url: string; indices: readonly string[]; timeoutMs: number };

const NETWORK_CODES = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|ENETUNREACH|EPIPE|CERT_|UNABLE_TO_VERIFY|SELF_SIGNED|DEPTH_ZERO)/;

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

function reasonOf(body: unknown): { type: string; reason: string } {
  const error = (body as ErrorBody | undefined)?.error;
  const cause = error?.root_cause?.[0];
  return { type: cause?.type ?? error?.type ?? 'unknown', reason: cause?.reason ?? error?.reason ?? '' };
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
    return new AppError('backend_unavailable', `Elasticsearch is overloaded or not ready (HTTP ${status}) during ${context.what}`, undefined, {
      cause: error,
    });
  }
  if (status === 408 || status === 504) return timeoutError(context, error);
  return new AppError('backend_error', `Elasticsearch failed ${context.what}: ${type}${reason ? `: ${reason}` : ''}`, undefined, { cause: error });
}

function timeoutError(context: RequestContext, cause: unknown): AppError {
  return new AppError(
    'backend_timeout',
    `Elasticsearch did not answer ${context.what} within ${context.timeoutMs} ms; narrow the time range or filters`,
    undefined,
    { cause },
  );
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
  if (error instanceof errors.ConnectionError || error instanceof errors.NoLivingConnectionsError) {
    const detail = NETWORK_CODES.exec(error.message)?.[1] ?? error.message;
    return new AppError('backend_unavailable', `cannot reach Elasticsearch at ${redactUrl(context.url)} (${detail})`, undefined, {
      cause: error,
    });
  }
  if (error instanceof errors.ProductNotSupportedError) {
    return new AppError('backend_error', `${redactUrl(context.url)} does not answer as Elasticsearch`, undefined, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('backend_error', `Elasticsearch request failed during ${context.what}: ${message}`, undefined, { cause: error });
}

/** Partial answers (failed shards, a search timeout) would not be exact: they are errors. */
export function assertCompleteResponse(
  response: { timed_out?: boolean; _shards?: { failed?: number; failures?: { reason?: { type?: string; reason?: string | null } }[] } },
  context: RequestContext,
): void {
  if (response.timed_out) throw timeoutError(context, null);
  const failed = response._shards?.failed ?? 0;
  if (failed > 0) {
    const reason = response._shards?.failures?.[0]?.reason;
    throw new AppError(
      'backend_error',
      `Elasticsearch answered ${context.what} from only part of the shards (${failed} failed: ${reason?.type ?? 'unknown'}${
        reason?.reason ? `: ${reason.reason}` : ''
      })`,
    );
  }
}
