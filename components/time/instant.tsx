'use client';

import type { TimeZoneMode } from '@/lib/url-state';
import { useDisplayTimeZone } from './use-display-time-zone';
import { formatInstant, zoneOffsetLabel } from './zoned-time';

type InstantProps = { ms: number; timeZoneMode: TimeZoneMode; withMilliseconds?: boolean; showZone?: boolean };

/** An instant in the display zone, as a <time> element carrying the exact UTC instant. */
export function Instant({ ms, timeZoneMode, withMilliseconds = false, showZone = false }: InstantProps) {
  const timeZone = useDisplayTimeZone(timeZoneMode);
  return (
    <time dateTime={new Date(ms).toISOString()} title={new Date(ms).toISOString()} className="tabular-nums">
      {formatInstant(ms, timeZone, { withMilliseconds })}
      {showZone ? ` ${zoneOffsetLabel(ms, timeZone)}` : ''}
    </time>
  );
}
