'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { ApiErrorBody } from '@/lib/domain/api-responses';
import type { SnapshotSummary } from '@/lib/domain/snapshot';
import { BUTTON_CLASS } from '@/components/filters/field-styles';
import { formatCount } from '@/components/format';
import { EmptyState } from '@/components/states/empty-state';
import { Instant } from '@/components/time/instant';
import { useHydrated } from '@/components/use-hydrated';
import { backendLabel, formatMegabytes } from './snapshot-model';
import { deleteSnapshot } from './snapshot-api';

type SnapshotListProps = {
  initialSnapshots: readonly SnapshotSummary[];
  /** Whether the server takes writes (HOPSCOPE_SNAPSHOTS): without them there is no Delete. */
  writable: boolean;
};

type RowState = { deleting: boolean; error: ApiErrorBody['error'] | null };

const CELL = 'px-2 py-1.5 align-top';

/**
 * The snapshots as a table, newest first (the server's order). Delete asks first, since the link
 * may be in a post-mortem; a failure is shown on its row and the row stays.
 */
export function SnapshotList({ initialSnapshots, writable }: SnapshotListProps) {
  const [snapshots, setSnapshots] = useState(initialSnapshots);
  const [rows, setRows] = useState<Record<string, RowState>>({});
  // Marks when Delete responds (the end-to-end tests wait for it, as on the other pages).
  const hydrated = useHydrated();

  const remove = async (snapshot: SnapshotSummary) => {
    if (!window.confirm(`Delete the snapshot “${snapshot.title}”? Its link will stop working.`)) return;
    setRows((current) => ({ ...current, [snapshot.id]: { deleting: true, error: null } }));
    const result = await deleteSnapshot(snapshot.id);
    if (result.ok) setSnapshots((current) => current.filter((each) => each.id !== snapshot.id));
    setRows((current) => ({ ...current, [snapshot.id]: { deleting: false, error: result.ok ? null : result.error } }));
  };

  if (snapshots.length === 0) {
    return (
      <div data-hydrated={hydrated}>
        <EmptyState
          title="No snapshots on this server"
          hints={
            writable
              ? [
                  'To take one, open the investigation of an incident’s window and press “Snapshot” beside “Copy permalink”.',
                  'A snapshot freezes every trace of the window on this server: its link keeps the histograms, filters, drill-down and triage after the logs are deleted.',
                ]
              : ['Snapshots are switched off on this server (HOPSCOPE_SNAPSHOTS=off): none can be taken.']
          }
        />
      </div>
    );
  }
  return (
    <div className="overflow-x-auto" data-hydrated={hydrated}>
      <table className="w-full text-sm tabular-nums" data-testid="snapshot-table">
        <thead className="border-b border-slate-300 text-left text-xs text-slate-600 dark:border-slate-600 dark:text-slate-300">
          <tr>
            <th className={CELL}>Title</th>
            <th className={CELL}>Window</th>
            <th className={CELL}>Created</th>
            <th className={CELL}>From</th>
            <th className={`${CELL} text-right`}>Traces</th>
            <th className={`${CELL} text-right`}>Size</th>
            {writable && <th className={CELL}><span className="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {snapshots.map((snapshot) => {
            const row = rows[snapshot.id];
            return (
              <tr key={snapshot.id} data-testid="snapshot-row" data-snapshot-id={snapshot.id} className="border-b border-slate-200 dark:border-slate-700">
                <td className={CELL}>
                  <Link href={snapshot.url} className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
                    {snapshot.title}
                  </Link>
                  {snapshot.note && <p className="line-clamp-2 max-w-md text-xs break-words text-slate-600 dark:text-slate-300">{snapshot.note}</p>}
                </td>
                <td className={`${CELL} whitespace-nowrap`}>
                  <Instant ms={Date.parse(snapshot.window.from)} timeZoneMode="browser" /> –{' '}
                  <Instant ms={Date.parse(snapshot.window.to)} timeZoneMode="browser" showZone />
                </td>
                <td className={`${CELL} whitespace-nowrap`}>
                  <Instant ms={Date.parse(snapshot.createdAt)} timeZoneMode="browser" showZone />
                </td>
                <td className={CELL}>{backendLabel(snapshot.backend)}</td>
                <td className={`${CELL} text-right`}>{formatCount(snapshot.traces)}</td>
                <td className={`${CELL} text-right whitespace-nowrap`}>{formatMegabytes(snapshot.sizeBytes)}</td>
                {writable && (
                  <td className={CELL}>
                    <button
                      type="button"
                      className={BUTTON_CLASS}
                      onClick={() => void remove(snapshot)}
                      disabled={row?.deleting ?? false}
                      aria-label={`Delete the snapshot ${snapshot.title}`}
                    >
                      {row?.deleting ? 'Deleting…' : 'Delete'}
                    </button>
                    {row?.error && (
                      <p role="alert" data-testid="snapshot-delete-error" className="mt-1 max-w-xs text-xs break-words text-red-800 dark:text-red-200">
                        Could not delete: {row.error.message}
                      </p>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
