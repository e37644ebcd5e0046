'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/** False while the server HTML is being hydrated, true once React handles events in the browser. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
