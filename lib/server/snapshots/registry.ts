import 'server-only';
import type { LatencyBackend } from '@/lib/backends/types';
import type { CreateSnapshotBody, CreateSnapshotResponse, SnapshotDetail, SnapshotSummary } from '@/lib/domain/snapshot';

/** STUB: being written (issue 15). Signatures are the contract the pages code against. */
export type SnapshotRegistry = {
  readonly enabled: boolean;
  list(): Promise<SnapshotSummary[]>;
  /** Throws AppError invalid_parameter for a malformed id, not_found for an unknown one. */
  detail(id: string): Promise<SnapshotDetail>;
  create(live: LatencyBackend, body: CreateSnapshotBody, signal?: AbortSignal): Promise<CreateSnapshotResponse>;
  remove(id: string): Promise<void>;
  /** The frozen window as a backend (the embedded engine over the snapshot's tables). */
  backend(id: string): Promise<LatencyBackend>;
};

export function getSnapshotRegistry(): SnapshotRegistry {
  throw new Error('not yet written');
}
