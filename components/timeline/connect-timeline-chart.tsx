'use client';

import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent as ReactMouseEvent, type TouchEvent as ReactTouchEvent } from 'react';
import {
  Brush,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  useActiveTooltipLabel,
  useYAxisScale,
  type MouseHandlerDataParam,
} from 'recharts';
import type { ConnectTimeline } from '@/lib/domain/connect-timeline';
import type { TimelineStat, TimeZoneMode } from '@/lib/url-state';
import { formatCount, formatMs } from '@/components/format';
import { CHART_COLORS } from '@/components/histograms/chart-colors';
import { useDisplayTimeZone } from '@/components/time/use-display-time-zone';
import { formatInstant } from '@/components/time/zoned-time';
import { markerPath, type SeriesStyle } from './series-styles';
import { highestSeries, nearestSeries, toDragWindow, type TimelinePoint } from './timeline-interactions';
import { brushRange, toTimelineRows, type TimelineRow, type TimelineSeriesInfo } from './timeline-rows';

type ConnectTimelineChartProps = {
  timeline: ConnectTimeline;
  stat: TimelineStat;
  timeZoneMode: TimeZoneMode;
  /** Called once the brush has settled on a narrower range, or a drag across the plot ended. */
  onBrush: (range: { fromMs: number; toMs: number }) => void;
  /** A point was clicked (or Enter pressed on a bin): open its traces. */
  onOpenPoint: (point: TimelinePoint) => void;
};

/** The brush commits this long after the last keyboard move, so moving a handle does not fire a query per step. */
const BRUSH_SETTLE_MS = 500;

/** SYN retransmission times: a connect held up by a lost SYN takes 1 s, then 3 s. */
const RETRANSMIT_LINES = [
  { valueMs: 1_000, label: '1 s SYN retransmit' },
  { valueMs: 3_000, label: '3 s' },
];

type Drag = { startMs: number; endMs: number };
/** What the chart's children know that its mouse handlers need: the bin under the keyboard cursor and the value → pixel map. */
type ChartProbeState = { activeBinMs: number | null; toPixel: ((valueMs: number) => number) | null };

/**
 * One tier's upstream connect time over time, a line per group (each with its own color, dash and
 * marker), with the retransmission times marked. Clicking a point opens that bin and group's
 * traces; dragging across the plot zooms the page's range to the dragged span (Escape cancels);
 * the brush handles under the chart (or the arrow keys on them) narrow it too; legend items hide
 * and show their series.
 */
export function ConnectTimelineChart({ timeline, stat, timeZoneMode, onBrush, onOpenPoint }: ConnectTimelineChartProps) {
  const timeZone = useDisplayTimeZone(timeZoneMode);
  const { rows, series } = useMemo(() => toTimelineRows(timeline, stat), [timeline, stat]);
  // Hidden by group name, so a series stays hidden when the same grouping answers again.
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const visible = series.filter((s) => !hidden.has(s.group));
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);
  const spanMs = timeline.toMs - timeline.fromMs;
  const tickText = (ms: number) => formatInstant(ms, timeZone, { withSeconds: spanMs < 600_000 }).slice(spanMs < 86_400_000 ? 11 : 5);

  // Keyboard moves commit after the brush settles; a drag (mouse or finger) commits only when
  // released (a pause mid-drag must not reload the page's range under a held handle).
  const pendingRange = useRef<{ fromMs: number; toMs: number } | null>(null);
  const brushHeld = useRef(false);
  const commit = () => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    if (pendingRange.current) onBrush(pendingRange.current);
    pendingRange.current = null;
  };
  const onBrushChange = ({ startIndex, endIndex }: { startIndex?: number; endIndex?: number }) => {
    if (pending.current) clearTimeout(pending.current);
    if (startIndex === undefined || endIndex === undefined) return;
    const whole = startIndex === 0 && endIndex === rows.length - 1;
    pendingRange.current = whole ? null : brushRange(rows, startIndex, endIndex, timeline);
    if (pendingRange.current && !brushHeld.current) pending.current = setTimeout(commit, BRUSH_SETTLE_MS);
  };
  // A drag ends wherever the pointer is released, over the brush or not (and a cancelled touch ends it too).
  useEffect(() => {
    const onRelease = () => {
      if (!brushHeld.current) return;
      brushHeld.current = false;
      commit();
    };
    const releases = ['mouseup', 'touchend', 'touchcancel'] as const;
    for (const type of releases) window.addEventListener(type, onRelease);
    return () => {
      for (const type of releases) window.removeEventListener(type, onRelease);
    };
  });
  const noteBrushTouch = (event: ReactTouchEvent) => {
    if (isOnBrush(event.target)) brushHeld.current = true;
  };

  const plot = useRef<HTMLDivElement>(null);
  const probe = useRef<ChartProbeState>({ activeBinMs: null, toPixel: null });
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragRef = useRef<Drag | null>(null);
  const setDragBoth = (next: Drag | null) => {
    dragRef.current = next;
    setDrag(next);
  };
  // Escape cancels a drag; a release outside the plot ends it where the pointer last was (a
  // release inside is the chart's onMouseUp, which Recharts may call a frame later).
  const dragging = drag !== null;
  useEffect(() => {
    if (!dragging) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') setDragBoth(null);
    };
    const onUp = (event: MouseEvent) => {
      if (plot.current?.contains(event.target as Node)) return;
      const current = dragRef.current;
      setDragBoth(null);
      const range = current && toDragWindow(current.startMs, current.endMs, timeline);
      if (range) onBrush(range);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mouseup', onUp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mouseup', onUp);
    };
  }, [dragging, timeline, onBrush]);
  // The DOM event as it happened: Recharts hands its handlers a proxy, possibly a frame later.
  const pointer = useRef<{ clientY: number; onBrush: boolean }>({ clientY: 0, onBrush: false });
  const notePointer = (event: ReactMouseEvent) => {
    const onBrushArea = isOnBrush(event.target);
    pointer.current = { clientY: event.clientY, onBrush: event.button !== 0 || onBrushArea };
    if (event.type === 'mousedown' && event.button === 0 && onBrushArea) brushHeld.current = true;
  };

  const binOf = (state: MouseHandlerDataParam): number | null => {
    const label = Number(state.activeLabel);
    return state.activeLabel !== undefined && Number.isFinite(label) ? label : null;
  };
  const valuesAt = (binMs: number) => {
    const row = rows.find((r) => r.t === binMs);
    return visible.flatMap((s) => (row && typeof row[s.key] === 'number' ? [{ key: s.key, valueMs: row[s.key] as number }] : []));
  };
  const open = (binMs: number, key: string | null) => {
    const chosen = series.find((s) => s.key === key);
    const valueMs = rows.find((r) => r.t === binMs)?.[key ?? ''];
    if (!chosen || typeof valueMs !== 'number') return;
    onOpenPoint({ tier: timeline.tier, groupBy: timeline.groupBy, group: chosen.group, binStartMs: binMs, binMs: timeline.binMs, valueMs, window: timeline });
  };

  const onMouseDown = (state: MouseHandlerDataParam) => {
    const binMs = binOf(state);
    // The brush under the plot has its own drag.
    if (binMs === null || pointer.current.onBrush) return;
    setDragBoth({ startMs: binMs, endMs: binMs });
  };
  const onMouseMove = (state: MouseHandlerDataParam) => {
    const binMs = binOf(state);
    if (dragRef.current && binMs !== null && binMs !== dragRef.current.endMs) setDragBoth({ ...dragRef.current, endMs: binMs });
  };
  const onMouseUp = (state: MouseHandlerDataParam) => {
    const current = dragRef.current;
    if (!current) return;
    setDragBoth(null);
    const endMs = binOf(state) ?? current.endMs;
    const range = toDragWindow(current.startMs, endMs, timeline);
    if (range) return onBrush(range);
    // Released in the bin it started in: a click on the series drawn nearest the pointer.
    const { toPixel } = probe.current;
    const top = plot.current?.getBoundingClientRect().top;
    if (toPixel && top !== undefined) open(endMs, nearestSeries(valuesAt(endMs), pointer.current.clientY - top, toPixel));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const { activeBinMs } = probe.current;
    if (event.key !== 'Enter' || activeBinMs === null) return;
    event.preventDefault();
    open(activeBinMs, highestSeries(valuesAt(activeBinMs)));
  };

  const dragArea = drag && drag.startMs !== drag.endMs ? { x1: Math.min(drag.startMs, drag.endMs), x2: Math.max(drag.startMs, drag.endMs) + timeline.binMs } : null;

  return (
    <div className="space-y-2">
      <div
        ref={plot}
        onKeyDown={onKeyDown}
        onMouseDownCapture={notePointer}
        onMouseUpCapture={notePointer}
        onTouchStartCapture={noteBrushTouch}
        data-testid="timeline-plot"
        className="h-64 cursor-crosshair select-none text-slate-500 dark:text-slate-400 [&_.recharts-reference-line]:pointer-events-none"
      >
        <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 520, height: 256 }}>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} onMouseDown={onMouseDown} onMouseMove={onMouseMove} onMouseUp={onMouseUp}>
            <ChartProbe probe={probe} />
            <CartesianGrid stroke="currentColor" strokeOpacity={0.2} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={tickText}
              tick={{ fill: 'currentColor', fontSize: 11 }}
              stroke="currentColor"
              strokeOpacity={0.4}
              minTickGap={40}
            />
            <YAxis
              tickFormatter={(value: number) => formatCount(value)}
              tick={{ fill: 'currentColor', fontSize: 11 }}
              width={52}
              stroke="currentColor"
              strokeOpacity={0.4}
              label={{ value: `${stat} ms`, angle: -90, position: 'insideLeft', fill: 'currentColor', fontSize: 11, dy: 20 }}
            />
            <Tooltip content={<TimelineTooltip series={visible} stat={stat} timeZone={timeZone} binMs={timeline.binMs} />} isAnimationActive={false} />
            {RETRANSMIT_LINES.map((line) => (
              <ReferenceLine
                key={line.valueMs}
                y={line.valueMs}
                ifOverflow="extendDomain"
                stroke={CHART_COLORS.reference}
                strokeDasharray="6 3"
                label={{ value: line.label, position: 'insideTopRight', fill: CHART_COLORS.reference, fontSize: 11 }}
              />
            ))}
            {series.map((s) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.group}
                hide={hidden.has(s.group)}
                stroke={s.color}
                strokeWidth={1.5}
                strokeDasharray={s.dash || undefined}
                dot={(props: { cx?: number | null; cy?: number | null; index?: number }) => <MarkerDot key={props.index} cx={props.cx} cy={props.cy} style={s} r={2} />}
                activeDot={(props: { cx?: number | null; cy?: number | null }) => <MarkerDot cx={props.cx} cy={props.cy} style={s} r={4} />}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
            {dragArea && (
              <ReferenceArea x1={dragArea.x1} x2={dragArea.x2} ifOverflow="hidden" fill={CHART_COLORS.selected} fillOpacity={0.2} stroke={CHART_COLORS.selected} data-testid="timeline-drag-area" />
            )}
            <Brush
              dataKey="t"
              height={24}
              travellerWidth={10}
              stroke="#64748b"
              fill="transparent"
              tickFormatter={(ms: number) => tickText(ms)}
              onChange={onBrushChange}
              ariaLabel="Time range brush: move the handles to narrow the time range"
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <TimelineLegend series={series} stat={stat} hidden={hidden} onToggle={(group) => setHidden((current) => toggled(current, group))} />
    </div>
  );
}

const isOnBrush = (target: EventTarget): boolean => Boolean((target as Element).closest('.recharts-brush'));

const toggled = (set: ReadonlySet<string>, item: string): ReadonlySet<string> => {
  const next = new Set(set);
  if (!next.delete(item)) next.add(item);
  return next;
};

/** Renders nothing: hands the chart's keyboard cursor and y scale to the mouse and key handlers outside it. */
function ChartProbe({ probe }: { probe: { current: ChartProbeState } }) {
  const label = useActiveTooltipLabel();
  const scale = useYAxisScale();
  const bin = Number(label);
  probe.current = { activeBinMs: label !== undefined && Number.isFinite(bin) ? bin : null, toPixel: scale ? (valueMs) => Number(scale(valueMs)) : null };
  return null;
}

function MarkerDot({ cx, cy, style, r }: { cx?: number | null; cy?: number | null; style: SeriesStyle; r: number }) {
  if (typeof cx !== 'number' || typeof cy !== 'number') return <g />;
  return <path d={markerPath(style.marker, cx, cy, r)} fill={style.color} stroke={style.color} strokeWidth={1} />;
}

/** A legend swatch: the series' line with its dash and marker. */
function SeriesSwatch({ style }: { style: SeriesStyle }) {
  return (
    <svg aria-hidden width={28} height={10} className="shrink-0">
      <line x1={1} x2={27} y1={5} y2={5} stroke={style.color} strokeWidth={1.5} strokeDasharray={style.dash || undefined} />
      <path d={markerPath(style.marker, 14, 5, 3)} fill={style.color} stroke={style.color} strokeWidth={1} />
    </svg>
  );
}

type TimelineLegendProps = { series: TimelineSeriesInfo[]; stat: TimelineStat; hidden: ReadonlySet<string>; onToggle: (group: string) => void };

/** One toggle button per series (Enter or Space from the keyboard): a pressed button shows its series. */
function TimelineLegend({ series, stat, hidden, onToggle }: TimelineLegendProps) {
  return (
    <ul className="flex flex-wrap gap-x-2 gap-y-1 text-xs tabular-nums" aria-label="Series, highest peak first; each button shows or hides its series">
      {series.map((s) => {
        const shown = !hidden.has(s.group);
        return (
          <li key={s.key} data-testid="timeline-series" data-group={s.group} data-peak-ms={s.peakMs ?? ''} data-shown={shown} className="min-w-0">
            <button
              type="button"
              aria-pressed={shown}
              onClick={() => onToggle(s.group)}
              title={shown ? `Hide ${s.group}` : `Show ${s.group}`}
              className={`inline-flex max-w-full items-center gap-1.5 rounded px-1 py-0.5 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-amber-500 dark:hover:bg-slate-800 ${shown ? '' : 'opacity-50 line-through'}`}
            >
              <SeriesSwatch style={s} />
              <span className={`break-all font-mono ${s.peakMs !== null && s.peakMs >= 900 ? 'font-bold text-rose-700 dark:text-rose-300' : ''}`}>{s.group}</span>
              <span className="text-slate-600 dark:text-slate-300">
                peak {stat} {formatMs(s.peakMs)} · {formatCount(s.count)} lines
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

type TimelineTooltipProps = {
  series: TimelineSeriesInfo[];
  stat: TimelineStat;
  timeZone: string;
  binMs: number;
  active?: boolean;
  payload?: readonly { payload?: TimelineRow }[];
};

/** Each shown series' value in the bin and how many requests (one line each) it summarizes. */
function TimelineTooltip({ series, stat, timeZone, binMs, active, payload }: TimelineTooltipProps) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  const present = series.filter((s) => typeof row[s.key] === 'number');
  return (
    <div data-testid="timeline-tooltip" className="rounded border border-slate-300 bg-white px-2 py-1 text-xs tabular-nums text-slate-900 shadow dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100">
      <div className="font-semibold">
        {formatInstant(row.t, timeZone)} +{binMs / 1000} s
      </div>
      {present.length === 0 && <div>no connects in this bin</div>}
      {present.map((s) => {
        const count = s.countByBin.get(row.t) ?? 0;
        return (
          <div key={s.key} className="flex items-center justify-between gap-3" data-testid="timeline-tooltip-row" data-group={s.group} data-count={count}>
            <span className="inline-flex items-center gap-1 font-mono">
              <SeriesSwatch style={s} />
              {s.group}
            </span>
            <span>
              {stat} {formatMs(row[s.key])} · {formatCount(count)} {count === 1 ? 'request' : 'requests'}
            </span>
          </div>
        );
      })}
      {present.length > 0 && <div className="mt-1 text-slate-600 dark:text-slate-300">Click to open these traces</div>}
    </div>
  );
}
