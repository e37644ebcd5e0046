'use client';

import { useEffect, useState } from 'react';
import type { ApiErrorBody } from '@/lib/domain/api-responses';
import type { SampleStatement } from '@/lib/domain/trace-id-sample';
import { fetchApi } from './fetch-api';
import { sampleFirstUrl, type ApiResult, type DeferredPrefetch, type Prefetched, type PrefetchedOrDeferred } from './investigation-requests';

/** Answers kept per resource, so back and forward show what was seen without asking again. */
const MAX_CACHED = 30;

function withEntry<T>(map: ReadonlyMap<string, ApiResult<T>>, url: string, result: ApiResult<T>): Map<string, ApiResult<T>> {
  const next = new Map(map);
  next.delete(url);
  next.set(url, result);
  while (next.size > MAX_CACHED) next.delete(next.keys().next().value!);
  return next;
}

/** Keeps an answer for its URL (and as the last good data) unless its request was left meanwhile. */
function keepAnswer<T>(
  answer: Promise<ApiResult<T>>,
  url: string,
  signal: AbortSignal,
  setResults: (update: (map: ReadonlyMap<string, ApiResult<T>>) => ReadonlyMap<string, ApiResult<T>>) => void,
  setLastData: (data: T) => void,
): void {
  answer.then(
    (result) => {
      if (signal.aborted) return;
      setResults((map) => withEntry(map, url, result));
      if (result.ok) setLastData(result.data);
    },
    () => {},
  );
}

function isDeferred<T>(prefetched: PrefetchedOrDeferred<T>): prefetched is DeferredPrefetch<T> {
  return typeof (prefetched.result as { then?: unknown }).then === 'function';
}

/** The entry of an answer already there; a deferred one arrives later, through the effect. */
function readyEntries<T>(prefetched: PrefetchedOrDeferred<T> | null): Map<string, ApiResult<T>> {
  return prefetched && !isDeferred(prefetched) ? new Map([[prefetched.url, prefetched.result]]) : new Map();
}

export type ApiResource<T> = {
  /** The answer for the current URL, or while it loads the last successful one (shown dimmed). */
  data: T | null;
  error: ApiErrorBody['error'] | null;
  loading: boolean;
  /** The answer shown is a sampled first answer, and its exact answer is on its way. */
  sampled: boolean;
  retry: () => void;
};

/**
 * One API resource that follows a URL. A new URL aborts the request of the previous one, and an
 * answer that arrives after its URL was left is dropped, so a slow stale response can never
 * overwrite a newer one. `prefetched` is the server page's answer for its URL, or the promise of
 * it: a deferred answer is awaited, not asked for again (the server is already computing it),
 * unless the user retries or the stream breaks.
 */
export function useApiResource<T>(
  url: string | null,
  prefetched: PrefetchedOrDeferred<T> | null,
  { keepPrevious = true, sampleOf }: { keepPrevious?: boolean; sampleOf?: (data: T) => SampleStatement | null } = {},
): ApiResource<T> {
  const [results, setResults] = useState<ReadonlyMap<string, ApiResult<T>>>(() => readyEntries(prefetched));
  const ready = prefetched && !isDeferred(prefetched) ? (prefetched as Prefetched<T>) : null;
  const [lastData, setLastData] = useState<T | null>(ready?.result.ok ? ready.result.data : null);
  const [seenPrefetched, setSeenPrefetched] = useState(prefetched);
  const [attempt, setAttempt] = useState(0);

  if (prefetched !== seenPrefetched) {
    setSeenPrefetched(prefetched);
    if (ready) setResults((map) => withEntry(map, ready.url, ready.result));
  }

  const current = url === null ? undefined : results.get(url);
  const missing = url !== null && current === undefined;
  const deferred = prefetched && isDeferred(prefetched) && prefetched.url === url && attempt === 0 ? prefetched.result : null;

  useEffect(() => {
    if (!missing || url === null) return;
    const controller = new AbortController();
    // Promise.resolve: what React hands over is a thenable whose then() returns nothing, not a Promise.
    const answer = deferred
      ? Promise.resolve(deferred).catch(() => fetchApi<T>(url, controller.signal))
      : fetchApi<T>(sampleOf ? sampleFirstUrl(url) : url, controller.signal);
    keepAnswer(answer, url, controller.signal, setResults, setLastData);
    return () => controller.abort();
    // sampleOf is the caller's pure reading of an answer: a new function each render asks nothing new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url, missing, attempt, deferred]);

  // A sampled first answer stays shown while the exact one is asked for (the read it waits for is
  // already under way); the exact answer, or its error, replaces it.
  const sampled = current !== undefined && current.ok && sampleOf !== undefined && sampleOf(current.data) !== null;
  useEffect(() => {
    if (!sampled || url === null) return;
    const controller = new AbortController();
    keepAnswer(fetchApi<T>(url, controller.signal), url, controller.signal, setResults, setLastData);
    return () => controller.abort();
  }, [url, sampled]);

  return {
    data: current ? (current.ok ? current.data : null) : url === null || !keepPrevious ? null : lastData,
    error: current && !current.ok ? current.error : null,
    loading: missing,
    sampled,
    retry: () => {
      if (url === null) return;
      setResults((map) => {
        const next = new Map(map);
        next.delete(url);
        return next;
      });
      setAttempt((n) => n + 1);
    },
  };
}
