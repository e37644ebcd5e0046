'use client';

import { useSyncExternalStore } from 'react';
import type { TimeZoneMode } from '@/lib/url-state';

const subscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
/** The server cannot know the reader's zone; it renders UTC and the browser re-renders in its own zone right after hydration. */
const serverZone = () => 'UTC';

/** The IANA zone instants are shown in: the browser's own zone, or UTC when the URL says tz=utc. */
export function useDisplayTimeZone(mode: TimeZoneMode): string {
  const zone = useSyncExternalStore(subscribe, browserZone, serverZone);
  return mode === 'utc' ? 'UTC' : zone;
}
