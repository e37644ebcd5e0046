'use client';

import { useEffect, useMemo, useRef } from 'react';
import { Brush, CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ConnectTimeline } from '@/lib/domain/connect-timeline';
import type { TimelineStat, TimeZoneMode } from '@/lib/url-state';
import { formatCount, formatMs } from '@/components/format';
import { CHART_COLORS } from '@/components/histograms/chart-colors';
import { useDisplayTimeZone } from '@/components/time/use-display-time-zone';
import { formatInstant } from '@/components/time/zoned-time';
import { brushRange, toTimelineRows, type TimelineRow, type TimelineSeriesInfo } from './timeline-rows';

type ConnectTimelineChartProps = {
  timeline: ConnectTimeline;
  stat: TimelineStat;
  timeZoneMode: TimeZoneMode;
  /** Called once the brush has settled on a narrower range. */
  onBrush: (range: { fromMs: number; toMs: number }) => void;
};

/** The brush commits this long after the last keyboard move, so moving a handle does not fire a query per step. */
const BRUSH_SETTLE_MS = 500;

/** SYN retransmission times: a connect held up by a lost SYN takes 1 s, then 3 s. */
const RETRANSMIT_LINES = [
  { valueMs: 1_000, label: '1 s SYN retransmit' },
  { valueMs: 3_000, label: '3 s' },
];

/**
 * One tier's upstream connect time over time, a line per group, with the retransmission times
 * marked. Dragging the brush handles under the chart (or moving them with the arrow keys)
 * narrows the page's time range.
 */
export function ConnectTimelineChart({ timeline, stat, timeZoneMode, onBrush }: ConnectTimelineChartProps) {
  const timeZone = useDisplayTimeZone(timeZoneMode);
  const { rows, series } = useMemo(() => toTimelineRows(timeline, stat), [timeline, stat]);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);
  const spanMs = timeline.toMs - timeline.fromMs;
  const tickText = (ms: number) => formatInstant(ms, timeZone, { withSeconds: spanMs < 600_000 }).slice(spanMs < 86_400_000 ? 11 : 5);

  // Keyboard moves (and pauses while dragging) commit after the brush settles; releasing the
  // mouse commits at once.
  const pendingRange = useRef<{ fromMs: number; toMs: number } | null>(null);
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
    if (pendingRange.current) pending.current = setTimeout(commit, BRUSH_SETTLE_MS);
  };

  return (
    <div className="space-y-2">
      <div className="h-64 text-slate-500 dark:text-slate-400 [&_.recharts-reference-line]:pointer-events-none">
        <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 520, height: 256 }}>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
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
            <Tooltip content={<TimelineTooltip series={series} timeZone={timeZone} binMs={timeline.binMs} />} isAnimationActive={false} />
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
                stroke={s.color}
                strokeWidth={1.5}
                dot={{ r: 1.5, fill: s.color, strokeWidth: 0 }}
                activeDot={{ r: 3 }}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
            <Brush
              dataKey="t"
              height={24}
              travellerWidth={10}
              stroke="#64748b"
              fill="transparent"
              tickFormatter={(ms: number) => tickText(ms)}
              onChange={onBrushChange}
              onDragEnd={commit}
              ariaLabel="Time range brush: move the handles to narrow the time range"
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <TimelineLegend series={series} stat={stat} />
    </div>
  );
}

function TimelineLegend({ series, stat }: { series: TimelineSeriesInfo[]; stat: TimelineStat }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs tabular-nums" aria-label="Series, highest peak first">
      {series.map((s) => (
        <li key={s.key} data-testid="timeline-series" data-group={s.group} data-peak-ms={s.peakMs ?? ''} className="inline-flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: s.color }} />
          <span className={`font-mono ${s.peakMs !== null && s.peakMs >= 900 ? 'font-bold text-rose-700 dark:text-rose-300' : ''}`}>{s.group}</span>
          <span className="text-slate-600 dark:text-slate-300">
            peak {stat} {formatMs(s.peakMs)} · {formatCount(s.count)} lines
          </span>
        </li>
      ))}
    </ul>
  );
}

type TimelineTooltipProps = {
  series: TimelineSeriesInfo[];
  timeZone: string;
  binMs: number;
  active?: boolean;
  payload?: readonly { payload?: TimelineRow }[];
};

function TimelineTooltip({ series, timeZone, binMs, active, payload }: TimelineTooltipProps) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  const present = series.filter((s) => typeof row[s.key] === 'number');
  return (
    <div className="rounded border border-slate-300 bg-white px-2 py-1 text-xs tabular-nums text-slate-900 shadow dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100">
      <div className="font-semibold">
        {formatInstant(row.t, timeZone)} +{binMs / 1000} s
      </div>
      {present.length === 0 && <div>no connects in this bin</div>}
      {present.map((s) => (
        <div key={s.key} className="flex justify-between gap-3">
          <span className="font-mono" style={{ color: s.color }}>
            {s.group}
          </span>
          <span>{formatMs(row[s.key])}</span>
        </div>
      ))}
    </div>
  );
}
