'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import type { ApiErrorBody } from '@/lib/domain/api-responses';
import type { SnapshotDetail } from '@/lib/domain/snapshot';
import type { TimeZoneMode } from '@/lib/url-state';
import { ErrorBanner } from '@/components/states/error-banner';
import { Instant } from '@/components/time/instant';
import { frozenSourceText, rawTracesText, toLiveHref } from './snapshot-model';

/** The snapshot a page shows, as its server page read it: the detail, or why it could not. */
export type SnapshotBannerData = { id: string; detail: SnapshotDetail; error: null } | { id: string; detail: null; error: ApiErrorBody['error'] };

const LINK_CLASS = 'text-sky-700 underline-offset-2 hover:underline dark:text-sky-300';

/**
 * Says that the page shows a frozen window, not live data: the snapshot's title and note, when and
 * from where it was frozen, its window, how many traces kept their raw lines, and the way to the
 * live view of the same URL. The live link follows the current URL, so filters changed since the
 * page loaded are kept.
 */
export function SnapshotBanner({ snapshot, timeZoneMode }: { snapshot: SnapshotBannerData; timeZoneMode: TimeZoneMode }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const liveHref = toLiveHref(pathname, searchParams.toString());
  const links = (
    <p className="flex flex-wrap gap-x-4 gap-y-1">
      <Link href={liveHref} data-testid="snapshot-live-link" className={LINK_CLASS}>
        Open the live view
      </Link>
      <Link href="/snapshots" className={LINK_CLASS}>
        All snapshots
      </Link>
    </p>
  );
  if (!snapshot.detail) {
    return (
      <div className="space-y-1" data-testid="snapshot-banner" data-snapshot-id={snapshot.id}>
        <ErrorBanner error={snapshot.error} what={`snapshot ${snapshot.id}`} />
        <div className="text-sm">{links}</div>
      </div>
    );
  }
  const { detail } = snapshot;
  return (
    <section
      aria-label="Snapshot"
      data-testid="snapshot-banner"
      data-snapshot-id={snapshot.id}
      className="space-y-1 rounded-md border border-indigo-300 bg-indigo-50 px-3 py-2 text-sm text-indigo-950 dark:border-indigo-700 dark:bg-indigo-950 dark:text-indigo-100"
    >
      <p>
        <span className="mr-2 rounded bg-indigo-200 px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide dark:bg-indigo-800">Snapshot</span>
        <strong className="font-semibold" data-testid="snapshot-title">
          {detail.title}
        </strong>
      </p>
      {detail.note && <p className="whitespace-pre-line break-words">{detail.note}</p>}
      <p className="text-indigo-900 dark:text-indigo-200">
        Frozen at <Instant ms={Date.parse(detail.createdAt)} timeZoneMode={timeZoneMode} showZone /> from {frozenSourceText(detail)}. Window{' '}
        <Instant ms={Date.parse(detail.window.from)} timeZoneMode={timeZoneMode} /> – <Instant ms={Date.parse(detail.window.to)} timeZoneMode={timeZoneMode} showZone />
        . {rawTracesText(detail)}.
      </p>
      {links}
    </section>
  );
}
