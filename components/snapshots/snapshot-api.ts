import type { CreateSnapshotBody, CreateSnapshotResponse, DeleteSnapshotResponse } from '@/lib/domain/snapshot';
import { WRITE_HEADER, WRITE_HEADER_VALUE } from '@/lib/domain/snapshot';
import { readApiResult } from '@/components/investigation/fetch-api';
import type { ApiResult } from '@/components/investigation/investigation-requests';

/**
 * hopscope's two writes. Each carries the write header, which a cross-site form cannot send and a
 * cross-site script cannot without a preflight the server refuses (docs/SECURITY.md). Failures
 * come back as results with the server's own message, to be shown where the action was.
 */
async function write<T>(method: 'POST' | 'DELETE', url: string, body?: unknown): Promise<ApiResult<T>> {
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

/** Freezes the body's window on the server: every trace of it is read, so this takes seconds on a large window. */
export function createSnapshot(body: CreateSnapshotBody): Promise<ApiResult<CreateSnapshotResponse>> {
  return write('POST', '/api/v1/snapshots', body);
}

export function deleteSnapshot(id: string): Promise<ApiResult<DeleteSnapshotResponse>> {
  return write('DELETE', `/api/v1/snapshots/${encodeURIComponent(id)}`);
}
