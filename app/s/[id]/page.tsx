import { notFound, redirect } from 'next/navigation';
import type { SnapshotDetail } from '@/lib/domain/snapshot';
import { AppError } from '@/lib/server/core/errors';
import { getSnapshotRegistry } from '@/lib/server/snapshots/registry';
import { toSnapshotViewHref } from '@/lib/url-state';

export const dynamic = 'force-dynamic';

/**
 * A snapshot's shared link, `/s/<id>`: leads to the investigation view of the frozen window (the
 * query it was taken with, plus `snapshot=<id>`), where every control works on the frozen data.
 * An unknown or malformed id is hopscope's 404 page.
 */
export default async function SnapshotLinkPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  let detail: SnapshotDetail;
  try {
    detail = await getSnapshotRegistry().detail(id);
  } catch (error) {
    if (error instanceof AppError && (error.code === 'not_found' || error.code === 'invalid_parameter')) notFound();
    throw error;
  }
  // Outside the try: redirect() works by throwing.
  redirect(toSnapshotViewHref(detail.id, detail.query));
}
