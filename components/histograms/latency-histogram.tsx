'use client';

import { useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Histogram } from '@/lib/domain/histogram';
import type { HistogramName } from '@/lib/domain/histogram-names';
import type { CountScale } from '@/lib/url-state';
import { formatCount, formatMs, formatPercent } from '@/components/format';
import { tickStep, toHistogramBars, toPercentileMarkers, type HistogramBar } from './histogram-bars';
import { CHART_COLORS } from './chart-colors';
import { HistogramPreview } from './histogram-preview';
import { barAriaLabel, HistogramBarContext, HistogramBarShape, type HistogramBarContextValue } from './histogram-bar-shape';

type LatencyHistogramProps = {
  name: HistogramName;
  title: string;
  histogram: Histogram;
  scale: CountScale;
  /** Key of the bar whose traces are listed, if it is in this histogram. */
  selectedBarKey: string | null;
  onSelectBar: (bar: HistogramBar) => void;
};

const subscribeNever = () => () => {};

/** False in the server's HTML and while hydrating, true once the browser renders on its own. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

/** Zero counts cannot sit on a log axis; they are drawn at this floor (below 1) with no height. */
const LOG_FLOOR = 0.7;

type Row = HistogramBar & { plotted: number };

/**
 * One latency histogram: a bar per bucket plus underflow and overflow bars, p50/p90/p99 marked.
 * Bars are buttons: click, or focus one (Tab, then arrow keys, Home, End) and press Enter to list
 * its traces.
 */
export function LatencyHistogram({ name, title, histogram, scale, selectedBarKey, onSelectBar }: LatencyHistogramProps) {
  const bars = useMemo(() => toHistogramBars(histogram), [histogram]);
  const markers = useMemo(() => toPercentileMarkers(histogram, bars), [histogram, bars]);
  const rows: Row[] = useMemo(
    () => bars.map((bar) => ({ ...bar, plotted: scale === 'log' ? Math.max(bar.count, LOG_FLOOR) : bar.count })),
    [bars, scale],
  );
  const selectedIndex = bars.findIndex((bar) => bar.key === selectedBarKey);
  const [rovingIndex, setRovingIndex] = useState(0);
  const [focusedIndex, setFocusedIndex] = useState<number | null>(null);
  const tabIndexBar = selectedIndex >= 0 ? selectedIndex : Math.min(rovingIndex, bars.length - 1);
  const chartRef = useRef<HTMLDivElement>(null);
  const hydrated = useHydrated();
  const step = tickStep(histogram.buckets.length, 8);
  const tickKeys = useMemo(
    () => new Set(bars.filter((bar, i) => bar.kind !== 'bucket' || (i - 1) % step === 0).map((bar) => bar.key)),
    [bars, step],
  );

  const focusBar = (index: number) => {
    const next = Math.max(0, Math.min(bars.length - 1, index));
    setRovingIndex(next);
    chartRef.current?.querySelector<SVGGElement>(`[data-bar-index="${next}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: bars.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      focusBar(moves[event.key]!);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const bar = bars[index];
      if (bar) onSelectBar(bar);
    }
  };

  // The chart is memoized on its data alone: focus and selection reach the bars through context,
  // so Recharts never re-renders (and re-creates) the bar elements while one is being clicked.
  const chart = useMemo(
    () => (
    <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 520, height: 208 }}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap={1} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.2} />
          <XAxis
            dataKey="key"
            interval={0}
            tickFormatter={(key: string) => (tickKeys.has(key) ? (bars.find((bar) => bar.key === key)?.tick ?? '') : '')}
            tick={{ fill: 'currentColor', fontSize: 11 }}
            tickLine={false}
            stroke="currentColor"
            strokeOpacity={0.4}
          />
          <YAxis
            scale={scale === 'log' ? 'log' : 'linear'}
            domain={scale === 'log' ? [LOG_FLOOR, 'auto'] : [0, 'auto']}
            allowDataOverflow={scale === 'log'}
            tickFormatter={(value: number) => (value < 1 ? '0' : formatCount(value))}
            tick={{ fill: 'currentColor', fontSize: 11 }}
            width={48}
            stroke="currentColor"
            strokeOpacity={0.4}
          />
          <Tooltip content={<BarTooltip />} cursor={{ fill: 'currentColor', fillOpacity: 0.08 }} isAnimationActive={false} />
          <Bar dataKey="plotted" shape={HistogramBarShape} isAnimationActive={false} />
          {markers.map((marker, index) => (
            <ReferenceLine
              key={marker.barKey}
              x={marker.barKey}
              stroke={CHART_COLORS.percentile}
              strokeDasharray="3 3"
              label={<PercentileLabel text={marker.label} row={index} />}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    ),
    [rows, bars, markers, scale, tickKeys],
  );

  const barContext: HistogramBarContextValue = {
    name,
    bars,
    selectedIndex,
    tabStopIndex: tabIndexBar,
    focusedIndex,
    onSelect: onSelectBar,
    onKeyDown,
    onFocusChange: (index) => {
      if (index !== null) setRovingIndex(index);
      setFocusedIndex(index);
    },
  };
  const focusedBar = focusedIndex !== null ? bars[focusedIndex] : undefined;
  return (
    <section data-testid={`histogram-${name}`} aria-labelledby={`histogram-title-${name}`} className="min-w-0 rounded-lg border border-slate-200 p-3 dark:border-slate-700">
      <header className="flex flex-wrap items-baseline justify-between gap-x-3">
        <h3 id={`histogram-title-${name}`} className="text-sm font-semibold">
          {title}
        </h3>
        <p className="text-xs tabular-nums text-slate-600 dark:text-slate-300">
          <span data-testid={`total-${name}`}>{formatCount(histogram.total)}</span> traces · p50{' '}
          <span data-testid={`p50-${name}`}>{formatMs(histogram.p50Ms)}</span> · p90{' '}
          <span data-testid={`p90-${name}`}>{formatMs(histogram.p90Ms)}</span> · p99{' '}
          <span data-testid={`p99-${name}`}>{formatMs(histogram.p99Ms)}</span>
        </p>
      </header>
      <div
        ref={chartRef}
        className="h-52 text-slate-500 dark:text-slate-400 [&_.recharts-reference-line]:pointer-events-none"
        role="group"
        aria-label={`${title} histogram bars`}
      >
        {hydrated ? (
          <HistogramBarContext.Provider value={barContext}>{chart}</HistogramBarContext.Provider>
        ) : (
          <HistogramPreview bars={bars} markers={markers} scale={scale} />
        )}
      </div>
      <p className="min-h-4 text-xs tabular-nums text-slate-600 dark:text-slate-300" aria-live="polite">
        {focusedBar ? `${barAriaLabel(focusedBar)} (${formatPercent(focusedBar.count, histogram.total)}) — Enter lists them` : ''}
      </p>
    </section>
  );
}

type TooltipProps = { active?: boolean; payload?: readonly { payload?: Row }[] };

function BarTooltip({ active, payload }: TooltipProps) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <div className="rounded border border-slate-300 bg-white px-2 py-1 text-xs tabular-nums text-slate-900 shadow dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100">
      <div className="font-semibold">{row.label}</div>
      <div>
        {formatCount(row.count)} trace{row.count === 1 ? '' : 's'} · {row.percent.toFixed(1)} %
      </div>
      <div className="text-slate-500 dark:text-slate-400">click to list</div>
    </div>
  );
}

type PercentileLabelProps = { text: string; row: number; viewBox?: { x?: number; y?: number } };

/** A percentile mark's name beside its line, one text row per mark so neighbours never overlap. */
function PercentileLabel({ text, row, viewBox }: PercentileLabelProps) {
  const x = (viewBox?.x ?? 0) + 3;
  const y = (viewBox?.y ?? 0) + 10 + row * 13;
  return (
    <text x={x} y={y} fontSize={11} fill={CHART_COLORS.percentile} stroke="var(--chart-halo, white)" strokeWidth={3} paintOrder="stroke" className="[--chart-halo:white] dark:[--chart-halo:#020617]">
      {text}
    </text>
  );
}
