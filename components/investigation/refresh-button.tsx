'use client';

import { useState } from 'react';
import type { ApiErrorBody, RefreshResponse } from '@/lib/domain/api-responses';
import { BUTTON_CLASS } from '@/components/filters/field-styles';
import { writeApi } from './fetch-api';

type RefreshButtonProps = {
  /** The absolute window the current answers cover: the one read again. */
  window: { from: string; to: string } | null;
  /** The page's queries are running (the window being read): a second refresh would only wait for them. */
  busy: boolean;
  /** Asks the page's queries again, as a filter change does. */
  onRefreshed: () => void;
};

/**
 * "Refresh" (live Elasticsearch only): the server forgets the window's materialized slices
 * (`POST /api/v1/refresh`), then the page asks its answers again, which read the window from
 * Elasticsearch anew, lines that arrived after it was first read included. A failure is said
 * beside the button, with the server's message.
 */
export function RefreshButton({ window, busy, onRefreshed }: RefreshButtonProps) {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiErrorBody['error'] | null>(null);

  const refresh = async () => {
    if (!window || running) return;
    setRunning(true);
    setError(null);
    const result = await writeApi<RefreshResponse>('POST', '/api/v1/refresh', window);
    setRunning(false);
    if (result.ok) onRefreshed();
    else setError(result.error);
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={BUTTON_CLASS}
        onClick={refresh}
        disabled={!window || running || busy}
        title="Read this window from Elasticsearch again (lines that arrived late)"
      >
        Refresh
      </button>
      {error && (
        <span role="alert" data-testid="refresh-error" className="max-w-xs break-words text-xs text-red-800 dark:text-red-200">
          Could not refresh: {error.message}
        </span>
      )}
    </div>
  );
}
