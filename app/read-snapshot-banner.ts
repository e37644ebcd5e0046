import 'server-only';
import { toErrorBody } from '@/lib/server/core/error-body';
import { getSnapshotRegistry } from '@/lib/server/snapshots/registry';
import type { SnapshotBannerData } from '@/components/snapshots/snapshot-banner';

/**
 * What a page's snapshot banner shows, or null outside a snapshot. Read from the registry (a small
 * file, cheap beside the page's own answers); a failure (malformed or unknown id) is shown in the
 * banner's place, and the page's requests name it too.
 */
export async function readSnapshotBanner(snapshotId: string | undefined): Promise<SnapshotBannerData | null> {
  if (snapshotId === undefined) return null;
  try {
    return { id: snapshotId, detail: await getSnapshotRegistry().detail(snapshotId), error: null };
  } catch (error) {
    return { id: snapshotId, detail: null, error: toErrorBody(error).error };
  }
}
