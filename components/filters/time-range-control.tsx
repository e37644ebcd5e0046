'use client';

import { useId, useState } from 'react';
import type { TimeZoneMode } from '@/lib/url-state';
import { shiftWindow, zoomOutWindow, type WindowMs } from '@/lib/domain/time-window';
import { SegmentedControl } from '@/components/segmented-control';
import { useDisplayTimeZone } from '@/components/time/use-display-time-zone';
import { parseTypedRange, toAbsoluteWindow, toTypedTimeText } from '@/components/time/typed-time';
import { zoneOffsetLabel } from '@/components/time/zoned-time';
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
  resolved: WindowMs | null;
  timeZoneMode: TimeZoneMode;
  /** New from/to; null returns to the server's default window. */
  onRangeChange: (range: { from: string; to: string } | null) => void;
  onTimeZoneChange: (mode: TimeZoneMode) => void;
};

/**
 * Relative presets ("last 1 h"), a range typed as text in the page's zone (the browser's or UTC,
 * never the browser's 12-hour locale: 24-hour "2020-11-19 10:00", an ISO instant, or "now-2h"),
 * applied by Enter or Apply once both ends are valid, and steps of the resolved window: shift back
 * or forward by its own width, zoom out ×2.
 */
export function TimeRangeControl({ from, to, resolved, timeZoneMode, onRangeChange, onTimeZoneChange }: TimeRangeControlProps) {
  const timeZone = useDisplayTimeZone(timeZoneMode);
  const problemId = useId();
  const shown = { from: toTypedTimeText(from, resolved?.fromMs ?? null, timeZone), to: toTypedTimeText(to, resolved?.toMs ?? null, timeZone) };
  const [draft, setDraft] = useState(shown);
  const [seen, setSeen] = useState(shown);
  if (shown.from !== seen.from || shown.to !== seen.to) {
    setSeen(shown);
    setDraft(shown);
  }
  // Relative ends are resolved against this render's clock, as the server will resolve them.
  const range = parseTypedRange(draft.from, draft.to, timeZone, Date.now());
  // A refusal is shown once the fields hold something to refuse: not while both wait for the first answer.
  const problem = !range.ok && (draft.from !== '' || draft.to !== '') ? range : null;
  // The URL's own instants when it has them: the answer on screen may still be an older query's.
  const current = toAbsoluteWindow(from, to) ?? resolved;
  const zoomedOut = current ? zoomOutWindow(current) : null;
  const zoneLabel = `${timeZone}, ${zoneOffsetLabel(current?.fromMs ?? 0, timeZone)}`;
  const field = (end: 'from' | 'to', label: string) => (
    <label className={LABEL_CLASS}>
      {label} ({zoneLabel})
      <input
        type="text"
        name={end}
        spellCheck={false}
        autoComplete="off"
        placeholder="2020-11-19 10:00:00 or now-2h"
        className={`${INPUT_CLASS} w-52`}
        value={draft[end]}
        aria-invalid={problem?.field === end}
        aria-describedby={problem?.field === end ? problemId : undefined}
        onChange={(event) => setDraft({ ...draft, [end]: event.target.value })}
      />
    </label>
  );

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
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (range.ok) onRangeChange({ from: range.from, to: range.to });
        }}
      >
        {field('from', 'From')}
        {field('to', 'To')}
        <button type="submit" className={`${BUTTON_CLASS} aria-disabled:opacity-40`} aria-disabled={!range.ok} title={range.ok ? 'Show this range' : range.message}>
          Apply
        </button>
        {problem && (
          <p id={problemId} role="alert" data-testid="time-range-problem" className="basis-full text-xs text-rose-700 dark:text-rose-300">
            {problem.message}
          </p>
        )}
      </form>
      <div role="group" aria-label="Move the time range" className="flex flex-wrap items-center gap-1">
        <button
          type="button"
          className={BUTTON_CLASS}
          disabled={!current}
          title="The same width, just before this window"
          onClick={() => current && onRangeChange(shiftWindow(current, -1))}
        >
          ← Shift back
        </button>
        <button
          type="button"
          className={BUTTON_CLASS}
          disabled={!zoomedOut}
          title="Twice the width around the same middle"
          onClick={() => zoomedOut && onRangeChange(zoomedOut)}
        >
          Zoom out ×2
        </button>
        <button
          type="button"
          className={BUTTON_CLASS}
          disabled={!current}
          title="The same width, just after this window"
          onClick={() => current && onRangeChange(shiftWindow(current, 1))}
        >
          Shift forward →
        </button>
      </div>
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
