import type { CreateSnapshotBody, CreateSnapshotResponse, DeleteSnapshotResponse } from '@/lib/domain/snapshot';
import { writeApi } from '@/components/investigation/fetch-api';
import type { ApiResult } from '@/components/investigation/investigation-requests';

/** Freezes the body's window on the server: every trace of it is read, so this takes seconds on a large window. */
export function createSnapshot(body: CreateSnapshotBody): Promise<ApiResult<CreateSnapshotResponse>> {
  return writeApi('POST', '/api/v1/snapshots', body);
}

export function deleteSnapshot(id: string): Promise<ApiResult<DeleteSnapshotResponse>> {
  return writeApi('DELETE', `/api/v1/snapshots/${encodeURIComponent(id)}`);
}
