'use client';

import type { BucketSelection } from '@/lib/domain/drill-down';
import type { Histogram } from '@/lib/domain/histogram';
import { HISTOGRAM_NAMES, HISTOGRAM_TITLES, type HistogramName } from '@/lib/domain/histogram-names';
import type { CountScale } from '@/lib/url-state';
import { SegmentedControl } from '@/components/segmented-control';
import { LatencyHistogram } from './latency-histogram';
import { toHistogramBars, type HistogramBar } from './histogram-bars';

type HistogramGridProps = {
  histograms: Record<HistogramName, Histogram>;
  scale: CountScale;
  selection: BucketSelection | null;
  onScaleChange: (scale: CountScale) => void;
  onSelectBucket: (selection: BucketSelection) => void;
};

/** Key of the bar a drill-down selection points at, when it is one of this histogram's bars. */
function selectedBarKey(histogram: Histogram, name: HistogramName, selection: BucketSelection | null): string | null {
  if (!selection || selection.histogram !== name) return null;
  const bar = toHistogramBars(histogram).find((b) => b.fromMs === selection.fromMs && b.toMs === selection.toMs);
  return bar?.key ?? null;
}

/** The four distributions side by side (two columns when wide, one when narrow) with the count-scale switch. */
export function HistogramGrid({ histograms, scale, selection, onScaleChange, onSelectBucket }: HistogramGridProps) {
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
        {HISTOGRAM_NAMES.map((name) => (
          <LatencyHistogram
            key={name}
            name={name}
            title={HISTOGRAM_TITLES[name]}
            histogram={histograms[name]}
            scale={scale}
            selectedBarKey={selectedBarKey(histograms[name], name, selection)}
            onSelectBar={select(name)}
          />
        ))}
      </div>
    </section>
  );
}
