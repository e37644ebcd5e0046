'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseInvestigationState, toInvestigationHref, type InvestigationState } from '@/lib/url-state';

/** Within this time, further commits of the same control replace its history entry instead of adding one. */
const COALESCE_MS = 5_000;
let lastPush: { source: string; at: number } | null = null;

export type StateUpdate = (current: InvestigationState) => InvestigationState;

/**
 * The view state of the investigation page, read from the URL, and the one way to change it:
 * `update` writes a new URL (a history entry, so back and forward move through views). It reads
 * the URL at call time, so a debounced caller never overwrites a newer change with an old state.
 */
export function useInvestigationState(): { state: InvestigationState; update: (change: StateUpdate, source?: string) => void } {
  const searchParams = useSearchParams();
  const state = useMemo(() => parseInvestigationState(new URLSearchParams(searchParams.toString())), [searchParams]);
  const update = useCallback((change: StateUpdate, source?: string) => {
    const current = parseInvestigationState(new URLSearchParams(window.location.search));
    const href = toInvestigationHref(change(current));
    if (href === `${window.location.pathname}${window.location.search}`) return;
    const now = Date.now();
    const coalesce = source !== undefined && lastPush?.source === source && now - lastPush.at < COALESCE_MS;
    lastPush = source !== undefined ? { source, at: now } : null;
    if (coalesce) window.history.replaceState(null, '', href);
    else window.history.pushState(null, '', href);
  }, []);
  return { state, update };
}
