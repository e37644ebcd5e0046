import type { ApiErrorBody } from '@/lib/domain/api-responses';
import type { ApiResult } from './investigation-requests';

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && 'error' in body && typeof (body as ApiErrorBody).error?.message === 'string';
}

/**
 * GETs an API URL. HTTP and network failures become results carrying the server's own error
 * message; only an abort rejects (the caller has moved on and ignores it).
 */
export async function fetchApi<T>(url: string, signal: AbortSignal): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal.aborted) throw error;
    return { ok: false, error: { code: 'network', message: `The hopscope server did not answer (${(error as Error).message}).` } };
  }
  return readApiResult<T>(response);
}

/** An API answer as a result: its JSON when it succeeded, the server's own error otherwise. */
export async function readApiResult<T>(response: Response): Promise<ApiResult<T>> {
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, data: body as T };
  if (isApiErrorBody(body)) return { ok: false, error: body.error };
  return { ok: false, error: { code: `http_${response.status}`, message: `The server answered ${response.status} ${response.statusText}.` } };
}
