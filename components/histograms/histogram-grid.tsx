'use client';

import type { BucketSelection } from '@/lib/domain/drill-down';
import type { Histogram } from '@/lib/domain/histogram';
import { HISTOGRAM_NAMES, HISTOGRAM_TITLES, type HistogramName } from '@/lib/domain/histogram-names';
import type { CountScale } from '@/lib/url-state';
import { SegmentedControl } from '@/components/segmented-control';
import { Skeleton } from '@/components/states/skeleton';
import { LatencyHistogram } from './latency-histogram';
import { toHistogramBars, type HistogramBar } from './histogram-bars';

type HistogramGridProps = {
  /** A null histogram is drawn as its placeholder: still loading, or failed (said by the page's error banner). */
  histograms: Record<HistogramName, Histogram | null>;
  /** Whether the null histograms are on their way. */
  pending: boolean;
  scale: CountScale;
  selection: BucketSelection | null;
  onScaleChange: (scale: CountScale) => void;
  onSelectBucket: (selection: BucketSelection) => void;
};

/** Key of the bar a drill-down selection points at, when it is one of this histogram's bars. */
function selectedBarKey(histogram: Histogram | null, name: HistogramName, selection: BucketSelection | null): string | null {
  if (!histogram || !selection || selection.histogram !== name) return null;
  const bar = toHistogramBars(histogram).find((b) => b.fromMs === selection.fromMs && b.toMs === selection.toMs);
  return bar?.key ?? null;
}

/** The four distributions side by side (two columns when wide, one when narrow) with the count-scale switch. */
export function HistogramGrid({ histograms, pending, scale, selection, onScaleChange, onSelectBucket }: HistogramGridProps) {
  const select = (name: HistogramName) => (bar: HistogramBar) =>
    onSelectBucket({ histogram: name, fromMs: bar.fromMs, toMs: bar.toMs });
  return (
    <section aria-labelledby="histograms-heading" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="histograms-heading" className="text-base font-semibold">
          Latency distributions
        </h2>
        <SegmentedControl
          label="Count scale"
          value={scale}
          options={[
            { value: 'linear', label: 'Linear' },
            { value: 'log', label: 'Log' },
          ]}
          onChange={onScaleChange}
        />
      </div>
      <div className="grid grid-cols-1 gap-3 min-[1100px]:grid-cols-2">
        {HISTOGRAM_NAMES.map((name) => {
          const histogram = histograms[name];
          return histogram ? (
            <LatencyHistogram
              key={name}
              name={name}
              title={HISTOGRAM_TITLES[name]}
              histogram={histogram}
              scale={scale}
              selectedBarKey={selectedBarKey(histogram, name, selection)}
              onSelectBar={select(name)}
            />
          ) : (
            <HistogramPlaceholder key={name} name={name} pending={pending} />
          );
        })}
      </div>
    </section>
  );
}

/** Where a histogram not yet answered (or failed) will be, with its title and the same height as a chart. */
function HistogramPlaceholder({ name, pending }: { name: HistogramName; pending: boolean }) {
  return (
    <section
      data-testid={`histogram-${name}-placeholder`}
      aria-busy={pending}
      aria-labelledby={`histogram-title-${name}`}
      className="min-w-0 rounded-lg border border-slate-200 p-3 dark:border-slate-700"
    >
      <h3 id={`histogram-title-${name}`} className="text-sm font-semibold">
        {HISTOGRAM_TITLES[name]}
      </h3>
      {pending ? (
        <Skeleton className="mt-2 h-52" label={`Loading the ${HISTOGRAM_TITLES[name]} histogram`} />
      ) : (
        <p className="mt-2 flex h-52 items-center justify-center text-xs text-slate-500">Not available: see the error above.</p>
      )}
    </section>
  );
}
