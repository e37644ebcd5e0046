'use client';

import { useEffect, type RefObject } from 'react';

/** Frames to wait for the element before giving up (about a second). */
const MAX_ATTEMPTS = 60;

/**
 * Brings an element into view and moves focus to it once `ready`, when `requested`, then calls
 * `done` so one request is served once. The drill-down list asks this after a bar was chosen: the
 * list may be far below the chart, and keyboard and screen-reader users land where the answer is.
 * It waits for the answer, so focus moves to rows (or their error), not to a skeleton.
 */
export function useFocusWhenReady(target: RefObject<HTMLElement | null>, requested: boolean, ready: boolean, done: () => void): void {
  useEffect(() => {
    if (!requested || !ready) return;
    // The element may not be attached yet in the commit that made it ready (a hydrating page):
    // look again on the next frames rather than drop the request.
    let frame = 0;
    let attempts = 0;
    const tryFocus = () => {
      const element = target.current;
      if (!element) {
        if ((attempts += 1) < MAX_ATTEMPTS) frame = requestAnimationFrame(tryFocus);
        return;
      }
      const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      element.scrollIntoView({ block: 'start', behavior: reducedMotion ? 'auto' : 'smooth' });
      element.focus({ preventScroll: true });
      done();
    };
    tryFocus();
    return () => cancelAnimationFrame(frame);
  }, [target, requested, ready, done]);
}
