import type { ApiErrorBody } from '@/lib/domain/api-responses';
import { WRITE_HEADER, WRITE_HEADER_VALUE } from '@/lib/domain/snapshot';
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

/**
 * One of hopscope's writes (a snapshot taken or deleted, a window read again). Each carries the
 * write header, which a cross-site form cannot send and a cross-site script cannot without a
 * preflight the server refuses (docs/SECURITY.md). Failures come back as results with the
 * server's own message, to be shown where the action was.
 */
export async function writeApi<T>(method: 'POST' | 'DELETE', url: string, body?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json', [WRITE_HEADER]: WRITE_HEADER_VALUE };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
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
