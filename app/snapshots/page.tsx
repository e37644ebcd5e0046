import type { Metadata } from 'next';
import Link from 'next/link';
import type { ApiErrorBody } from '@/lib/domain/api-responses';
import type { SnapshotSummary } from '@/lib/domain/snapshot';
import { toErrorBody } from '@/lib/server/core/error-body';
import { getSnapshotRegistry } from '@/lib/server/snapshots/registry';
import { PageError } from '@/components/states/page-error';
import { SnapshotList } from '@/components/snapshots/snapshot-list';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'hopscope · snapshots' };

/** The snapshots kept on this server, newest first, each with its link and a Delete button. */
export default async function SnapshotsPage() {
  let snapshots: SnapshotSummary[] | null = null;
  let writable = false;
  let failure: ApiErrorBody['error'] | null = null;
  try {
    const registry = getSnapshotRegistry();
    writable = registry.enabled;
    snapshots = await registry.list();
  } catch (error) {
    failure = toErrorBody(error).error;
  }
  return (
    <main className="mx-auto max-w-[1600px] space-y-4 p-4">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-lg font-semibold">
          hopscope <span className="font-normal text-slate-600 dark:text-slate-300">· snapshots</span>
        </h1>
        <Link href="/" className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
          ← The investigation
        </Link>
      </header>
      {failure && <PageError error={failure} what="the snapshots" />}
      {snapshots && <SnapshotList initialSnapshots={snapshots} writable={writable} />}
    </main>
  );
}
