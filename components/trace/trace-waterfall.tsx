import { formatCount, formatMs } from '@/components/format';
import type { ClockSkew, Waterfall, WaterfallRow } from './waterfall-model';

const ROW_COLORS: Record<WaterfallRow['kind'], string> = {
  request: 'bg-slate-400 dark:bg-slate-500',
  exchange: 'bg-sky-300 dark:bg-sky-700',
  connect: 'bg-sky-600 dark:bg-sky-400',
  app: 'bg-emerald-500 dark:bg-emerald-400',
  own: 'bg-violet-400 dark:bg-violet-400',
};

/** Round tick spacing giving about five ticks over the span. */
function tickStepMs(spanMs: number): number {
  const steps = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000];
  return steps.find((step) => spanMs / step <= 6) ?? Math.ceil(spanMs / 6);
}

/**
 * The waterfall: one row per interval, bars on one time axis from the edge's start. Each tier's
 * bars are on its own clock; slow segments are marked in words as well as in color.
 */
export function TraceWaterfall({ waterfall, skew }: { waterfall: Waterfall; skew: ClockSkew | null }) {
  const { referenceMs, originMs, endMs } = waterfall;
  const spanMs = Math.max(endMs - originMs, 1);
  const step = tickStepMs(spanMs);
  // Ticks are in ms from the reference (edge start), placed on the axis that starts at the origin.
  const firstTick = Math.ceil((originMs - referenceMs) / step) * step;
  const ticks = Array.from({ length: Math.floor((endMs - referenceMs - firstTick) / step) + 1 }, (_, i) => firstTick + i * step);
  const percent = (ms: number) => `${(ms / spanMs) * 100}%`;
  const at = (msFromReference: number) => percent(referenceMs + msFromReference - originMs);
  const signed = (ms: number) => `${ms < 0 ? '−' : '+'}${formatCount(Math.abs(ms))}`;
  return (
    <section aria-labelledby="waterfall-heading" className="space-y-2">
      <h2 id="waterfall-heading" className="text-base font-semibold">
        Waterfall
      </h2>
      <ClockSkewNote skew={skew} />
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700">
        <table className="w-full min-w-[760px] border-collapse text-xs tabular-nums" data-testid="waterfall">
          <thead className="bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200">
            <tr>
              <th scope="col" className="w-[34%] px-2 py-1.5 text-left font-medium">
                Segment
              </th>
              <th scope="col" className="w-20 px-2 py-1.5 text-right font-medium">
                Start
              </th>
              <th scope="col" className="w-24 px-2 py-1.5 text-right font-medium">
                Duration
              </th>
              <th scope="col" className="px-3 py-1.5 text-left font-medium">
                <span className="sr-only">Timeline</span>
                <div aria-hidden className="relative h-4">
                  {ticks.map((tick) => (
                    <span key={tick} className="absolute -translate-x-1/2 font-normal text-slate-500 dark:text-slate-400" style={{ left: at(tick) }}>
                      {formatCount(tick)}
                    </span>
                  ))}
                </div>
              </th>
            </tr>
          </thead>
          <tbody>
            {waterfall.rows.map((row) => (
              <tr
                key={row.id}
                data-testid={`segment-${row.id}`}
                data-slow={row.slow}
                data-duration-ms={row.durationMs}
                className={`border-t border-slate-200 dark:border-slate-700 ${row.slow ? 'bg-amber-50 dark:bg-amber-950/60' : ''}`}
              >
                <th scope="row" className="px-2 py-1 text-left font-normal" style={{ paddingLeft: `${0.5 + row.depth * 0.9}rem` }}>
                  <span className={row.kind === 'request' ? 'font-semibold' : ''}>{row.label}</span>
                  {row.detail && <span className="ml-1.5 font-mono text-slate-500 dark:text-slate-400">{row.detail}</span>}
                  <span className="ml-1.5 rounded bg-slate-100 px-1 text-[10px] text-slate-500 dark:bg-slate-800 dark:text-slate-400">{row.tier} clock</span>
                  {row.slow && <span className="ml-1.5 rounded bg-rose-600 px-1 text-[10px] font-bold text-white uppercase">slow</span>}
                  {row.note && <div className={`text-[11px] ${row.slow ? 'text-rose-700 dark:text-rose-300' : 'text-slate-500 dark:text-slate-400'}`}>{row.note}</div>}
                </th>
                <td className="px-2 py-1 text-right text-slate-600 dark:text-slate-300">{signed(row.startMs - referenceMs)}</td>
                <td className={`px-2 py-1 text-right ${row.slow ? 'font-bold text-rose-700 dark:text-rose-300' : ''}`}>{formatMs(row.durationMs)}</td>
                <td className="px-3 py-1" aria-hidden>
                  <div className="relative h-4">
                    {ticks.map((tick) => (
                      <span key={tick} className="absolute top-0 h-full border-l border-slate-200 dark:border-slate-700" style={{ left: at(tick) }} />
                    ))}
                    <span
                      className={`absolute top-0.5 h-3 min-w-[2px] rounded-sm ${row.slow ? 'bg-rose-600 ring-2 ring-amber-400 dark:bg-rose-500' : ROW_COLORS[row.kind]}`}
                      style={{ left: percent(row.startMs - originMs), width: percent(Math.max(row.durationMs, 0)) }}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-300">
        Start is in ms from the edge start (@timestamp − request_time). Upstream attempts are drawn from their tier’s start: nginx
        connects once it has read the request, which for requests without a large body is within a millisecond.
      </p>
    </section>
  );
}

function ClockSkewNote({ skew }: { skew: ClockSkew | null }) {
  if (!skew) return null;
  const range = (ms: number) => `${ms > 0 ? '+' : ''}${formatCount(ms)} ms`;
  return (
    <p data-testid="clock-skew" className="rounded-md border border-slate-200 bg-slate-50 px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900">
      <strong>Clock skew</strong> (ingress clock − edge clock):{' '}
      {skew.inconsistent ? (
        <>
          the timings contradict each other by {formatMs(skew.minMs - skew.maxMs)} (ingress would have to start at least{' '}
          {range(skew.maxMs)} and end at least {range(skew.minMs)} off) — rounding, or a shifted @timestamp.
        </>
      ) : (
        <>
          between {range(skew.minMs)} and {range(skew.maxMs)}. The ingress bars are drawn on the ingress clock, uncorrected; the
          ingress request must fit after the edge’s connect and before the edge’s end.
        </>
      )}
    </p>
  );
}
