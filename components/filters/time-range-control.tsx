'use client';

import { useState } from 'react';
import type { TimeZoneMode } from '@/lib/url-state';
import { SegmentedControl } from '@/components/segmented-control';
import { useDisplayTimeZone } from '@/components/time/use-display-time-zone';
import { fromDateTimeLocalValue, toDateTimeLocalValue, zoneOffsetLabel } from '@/components/time/zoned-time';
import { BUTTON_CLASS, INPUT_CLASS, LABEL_CLASS } from './field-styles';

export const TIME_PRESETS = [
  { label: '15 min', from: 'now-15m' },
  { label: '1 h', from: 'now-1h' },
  { label: '6 h', from: 'now-6h' },
  { label: '24 h', from: 'now-24h' },
  { label: '7 d', from: 'now-7d' },
] as const;

type TimeRangeControlProps = {
  from: string | undefined;
  to: string | undefined;
  /** The window the server resolved for the current URL, once known. */
  resolved: { fromMs: number; toMs: number } | null;
  timeZoneMode: TimeZoneMode;
  /** New from/to; null returns to the server's default window. */
  onRangeChange: (range: { from: string; to: string } | null) => void;
  onTimeZoneChange: (mode: TimeZoneMode) => void;
};

/**
 * Relative presets ("last 1 h") and an absolute range typed in an explicit zone: the browser's
 * zone by default, UTC on request. Typed times become instants with the zone's offset.
 */
export function TimeRangeControl({ from, to, resolved, timeZoneMode, onRangeChange, onTimeZoneChange }: TimeRangeControlProps) {
  const timeZone = useDisplayTimeZone(timeZoneMode);
  const shown = resolved ? { from: toDateTimeLocalValue(resolved.fromMs, timeZone), to: toDateTimeLocalValue(resolved.toMs, timeZone) } : { from: '', to: '' };
  const [draft, setDraft] = useState(shown);
  const [seen, setSeen] = useState(shown);
  if (shown.from !== seen.from || shown.to !== seen.to) {
    setSeen(shown);
    setDraft(shown);
  }
  const fromIso = fromDateTimeLocalValue(draft.from, timeZone);
  const toIso = fromDateTimeLocalValue(draft.to, timeZone);
  const problem =
    fromIso === null || toIso === null
      ? 'Enter both a start and an end.'
      : Date.parse(fromIso) >= Date.parse(toIso)
        ? 'The start must be before the end.'
        : null;
  const apply = () => {
    if (fromIso && toIso && !problem) onRangeChange({ from: fromIso, to: toIso });
  };
  const zoneLabel = `${timeZone}, ${zoneOffsetLabel(resolved?.fromMs ?? 0, timeZone)}`;

  return (
    <fieldset className="flex flex-wrap items-end gap-x-3 gap-y-2">
      <legend className="sr-only">Time range</legend>
      <div role="group" aria-label="Relative time range" className="flex flex-wrap items-center gap-1">
        <span className="mr-1 text-xs font-medium text-slate-600 dark:text-slate-300">Last</span>
        {TIME_PRESETS.map((preset) => (
          <button
            key={preset.from}
            type="button"
            className={BUTTON_CLASS}
            aria-pressed={from === preset.from && to === 'now'}
            onClick={() => onRangeChange({ from: preset.from, to: 'now' })}
          >
            {preset.label}
          </button>
        ))}
        <button type="button" className={BUTTON_CLASS} aria-pressed={!from && !to} onClick={() => onRangeChange(null)} title="The loaded data's extent (embedded store) or the last hour (Elasticsearch)">
          Default
        </button>
      </div>
      <form
        className="flex flex-wrap items-end gap-2"
        aria-label="Absolute time range"
        onSubmit={(event) => {
          event.preventDefault();
          apply();
        }}
      >
        <label className={LABEL_CLASS}>
          From ({zoneLabel})
          <input type="datetime-local" step={1} name="from" className={INPUT_CLASS} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label className={LABEL_CLASS}>
          To ({zoneLabel})
          <input type="datetime-local" step={1} name="to" className={INPUT_CLASS} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <button type="submit" className={BUTTON_CLASS} disabled={problem !== null} title={problem ?? 'Show this range'}>
          Apply
        </button>
      </form>
      <SegmentedControl
        label="Time zone"
        value={timeZoneMode}
        options={[
          { value: 'browser', label: 'Browser' },
          { value: 'utc', label: 'UTC' },
        ]}
        onChange={onTimeZoneChange}
      />
    </fieldset>
  );
}
