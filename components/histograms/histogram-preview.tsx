import type { CountScale } from '@/lib/url-state';
import { CHART_COLORS } from './chart-colors';
import type { HistogramBar, PercentileMarker } from './histogram-bars';

/** The preview's drawing box; it stretches to the chart's size, as the interactive chart does. */
const VIEW_WIDTH = 1_000;
const VIEW_HEIGHT = 200;

/**
 * Each bar's height as a share (0–1) of the tallest, on the chart's scale: log heights count
 * decades above 1, so a single trace still shows and zero shows nothing.
 */
export function previewBarHeights(bars: readonly HistogramBar[], scale: CountScale): number[] {
  const size = (count: number) => (count <= 0 ? 0 : scale === 'log' ? Math.log10(count) + 1 : count);
  const tallest = Math.max(0, ...bars.map((bar) => size(bar.count)));
  return bars.map((bar) => (tallest === 0 ? 0 : size(bar.count) / tallest));
}

type HistogramPreviewProps = { bars: readonly HistogramBar[]; markers: readonly PercentileMarker[]; scale: CountScale };

/**
 * The histogram drawn as plain SVG in the server's HTML, shown until the browser has loaded the
 * interactive chart: on a busy two-core machine the charts' JavaScript takes seconds to arrive
 * and run, and the answer should not wait for it. Same bars, same scale, same percentile marks;
 * no axes, tooltips or clicks (the interactive chart replaces it once hydrated).
 */
export function HistogramPreview({ bars, markers, scale }: HistogramPreviewProps) {
  const heights = previewBarHeights(bars, scale);
  const slot = VIEW_WIDTH / Math.max(1, bars.length);
  const markerIndexes = markers.map((marker) => bars.findIndex((bar) => bar.key === marker.barKey));
  return (
    <div className="flex h-full pb-7" data-testid="histogram-preview" aria-hidden="true">
      {/* The interactive chart's y-axis and margin (56 px), so bars sit where they will be drawn. */}
      <div className="w-14 shrink-0" />
      <svg viewBox={`0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}`} preserveAspectRatio="none" className="h-full w-full overflow-visible">
        <line x1={0} x2={VIEW_WIDTH} y1={VIEW_HEIGHT} y2={VIEW_HEIGHT} stroke="currentColor" strokeOpacity={0.4} vectorEffect="non-scaling-stroke" />
        {bars.map((bar, index) => {
          const height = heights[index]! * VIEW_HEIGHT;
          return (
            <rect
              key={bar.key}
              data-preview-bar-index={index}
              x={index * slot + slot * 0.05}
              y={VIEW_HEIGHT - height}
              width={slot * 0.9}
              height={height}
              fill={bar.kind === 'bucket' ? CHART_COLORS.bar : CHART_COLORS.outOfRange}
            />
          );
        })}
        {markerIndexes
          .filter((index) => index >= 0)
          .map((index) => (
            <line
              key={index}
              x1={(index + 0.5) * slot}
              x2={(index + 0.5) * slot}
              y1={0}
              y2={VIEW_HEIGHT}
              stroke={CHART_COLORS.percentile}
              strokeDasharray="3 3"
              vectorEffect="non-scaling-stroke"
            />
          ))}
      </svg>
    </div>
  );
}
