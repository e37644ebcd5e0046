import type { Attribution } from '@/lib/domain/triage/attribution';
import { formatCount, formatMs } from '@/components/format';
import { slowRangeWords } from '@/lib/domain/triage/slow-range';
import { toAttributionBar } from './attribution-bar';
import { SEGMENT_COLORS } from './triage-colors';

type AttributionPanelProps = { attribution: Attribution };

const headerClass = 'px-2 py-1.5 text-left font-medium whitespace-nowrap';
const cellClass = 'px-2 py-1 whitespace-nowrap tabular-nums';

const percentText = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)} %`);

/**
 * Where the slow requests' time goes: the sentence, a stacked bar of dominant segments, and the
 * table an SRE can check (dominant count, excess over each segment's median, negative parts kept).
 */
export function AttributionPanel({ attribution }: AttributionPanelProps) {
  const parts = toAttributionBar(attribution);
  const examined = slowRangeWords({ minMs: attribution.slowMs, maxMs: attribution.slowMaxMs });
  return (
    <section aria-labelledby="attribution-heading" data-testid="triage-attribution" className="space-y-2">
      <h2 id="attribution-heading" className="text-base font-semibold">
        Where the time of requests {examined} goes
      </h2>
      <p className="text-base leading-relaxed">{attribution.sentence}</p>
      {parts.length > 0 && (
        <div
          role="img"
          aria-label={parts.map((part) => `${part.label} ${part.percent.toFixed(0)} %`).join(', ')}
          className="flex h-6 w-full overflow-hidden rounded border border-slate-300 dark:border-slate-600"
        >
          {parts.map((part) => (
            <div
              key={part.segment}
              title={`${part.label}: ${formatCount(part.count)} requests (${part.percent.toFixed(1)} %)`}
              style={{ width: `${part.percent}%`, backgroundColor: part.color }}
              className="h-full"
            />
          ))}
        </div>
      )}
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Segments of the slow requests</caption>
          <thead className="text-slate-600 dark:text-slate-300">
            <tr>
              <th className={headerClass}>Segment</th>
              <th className={headerClass} title="Slow requests whose largest segment this is">Largest in</th>
              <th className={headerClass} title="Median of the segment over all requests of the window">Baseline (median)</th>
              <th className={headerClass} title="Σ over slow requests of (segment − baseline), as a share of the total">Share of excess</th>
              <th className={headerClass}>Slow p50</th>
              <th className={headerClass}>Slow p90</th>
            </tr>
          </thead>
          <tbody>
            {attribution.segments.map((row) => (
              <tr key={row.segment} className="border-t border-slate-200 dark:border-slate-700">
                <td className="px-2 py-1 whitespace-nowrap">
                  <span aria-hidden className="mr-2 inline-block h-3 w-3 rounded-sm align-middle" style={{ backgroundColor: SEGMENT_COLORS[row.segment] }} />
                  {row.label}
                </td>
                <td className={cellClass}>
                  {formatCount(row.dominantCount)} <span className="text-slate-600 dark:text-slate-300">({percentText(row.dominantShare)})</span>
                </td>
                <td className={cellClass}>{formatMs(row.baselineMs)}</td>
                <td className={`${cellClass} ${row.excessMs < 0 ? 'text-slate-500' : ''}`}>{percentText(row.excessShare)}</td>
                <td className={cellClass}>{formatMs(row.slowP50Ms)}</td>
                <td className={cellClass}>{formatMs(row.slowP90Ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
