'use client';

import { useEffect, useState } from 'react';
import type { LoadStatusResponse } from '@/lib/domain/api-responses';
import { loadPollDelayMs } from '@/lib/domain/load-status';

/**
 * While the embedded store loads, the first answers wait for it; on Elasticsearch, a window not
 * read yet is read into the engine while its edge histogram is already drawn (from Elasticsearch
 * directly) and the other histograms wait. This says how far the read has come ("loading 1.2 M
 * of ~2 M lines, about 20 s left"), worded for the backend, instead of a bare spinner. It shows
 * nothing when no read is under way. `sampled`: a sample's answer is shown meanwhile.
 */
export function StoreLoadingNotice({ sampled = false }: { sampled?: boolean } = {}) {
  const [status, setStatus] = useState<LoadStatusResponse | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pollsDone = 0;
    let readSeen = false;
    const poll = async () => {
      try {
        const response = await fetch('/api/v1/health/loading', { signal: controller.signal, cache: 'no-store' });
        if (response.ok) {
          const answer = (await response.json()) as LoadStatusResponse;
          readSeen ||= Boolean(answer.loading);
          setStatus(answer);
        }
      } catch {
        // A failed poll (the page moved on, the server restarted) only leaves the last status up.
      }
      pollsDone += 1;
      if (!controller.signal.aborted) timer = setTimeout(poll, loadPollDelayMs(pollsDone, readSeen));
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
  const elasticsearch = status.backend === 'elasticsearch';
  const message = <span data-testid="store-loading-message">{status.message}</span>;
  return (
    <div role="status" className="rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100">
      {elasticsearch ? (
        <p>
          Reading this window from Elasticsearch: {message}. {sampled ? 'The exact answer replaces the sample once it is read.' : 'The histograms follow once it is read.'}
        </p>
      ) : (
        <p>Embedded store: {message}. The first answers follow once it is loaded.</p>
      )}
      {share !== null && loading.stage === 'loading' ? (
        <progress className="mt-2 h-2 w-full" max={1} value={share} aria-label={elasticsearch ? 'Elasticsearch read progress' : 'Store load progress'} />
      ) : null}
    </div>
  );
}
