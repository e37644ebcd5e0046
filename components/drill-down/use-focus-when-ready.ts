'use client';

import { useEffect, type RefObject } from 'react';

/**
 * Brings an element into view and moves focus to it once `ready`, when `requested`, then calls
 * `done` so one request is served once. The drill-down list asks this after a bar was chosen: the
 * list may be far below the chart, and keyboard and screen-reader users land where the answer is.
 * It waits for the answer, so focus moves to rows (or their error), not to a skeleton.
 */
export function useFocusWhenReady(target: RefObject<HTMLElement | null>, requested: boolean, ready: boolean, done: () => void): void {
  useEffect(() => {
    if (!requested || !ready) return;
    const element = target.current;
    if (!element) return;
    const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    element.scrollIntoView({ block: 'start', behavior: reducedMotion ? 'auto' : 'smooth' });
    element.focus({ preventScroll: true });
    done();
  }, [target, requested, ready, done]);
}
