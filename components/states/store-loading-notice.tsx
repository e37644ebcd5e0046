'use client';

import { useEffect, useState } from 'react';
import type { StoreLoadStatus } from '@/lib/domain/load-status';

/** How often the load's progress is asked while the page waits. */
const POLL_INTERVAL_MS = 1_000;

type LoadStatusAnswer = { loading: StoreLoadStatus | null; message: string | null };

/**
 * While the embedded store loads, the first answers wait for it: this says how far the load has
 * come ("loading 1.2 M of ~2 M lines, about 20 s left") instead of a bare spinner. It shows
 * nothing when no load is under way (a loaded store, or Elasticsearch).
 */
export function StoreLoadingNotice() {
  const [status, setStatus] = useState<LoadStatusAnswer | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch('/api/v1/health/loading', { signal: controller.signal, cache: 'no-store' });
        if (response.ok) setStatus((await response.json()) as LoadStatusAnswer);
      } catch {
        // A failed poll (the page moved on, the server restarted) only leaves the last status up.
      }
      if (!controller.signal.aborted) timer = setTimeout(poll, POLL_INTERVAL_MS);
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, []);

  const loading = status?.loading;
  if (!loading || !status?.message) return null;
  const share = loading.linesEstimated ? Math.min(1, loading.linesLoaded / loading.linesEstimated) : null;
  return (
    <div role="status" className="rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100">
      <p>
        Embedded store: <span data-testid="store-loading-message">{status.message}</span>. The first answers follow once it is loaded.
      </p>
      {share !== null && loading.stage === 'loading' ? (
        <progress className="mt-2 h-2 w-full" max={1} value={share} aria-label="Store load progress" />
      ) : null}
    </div>
  );
}
