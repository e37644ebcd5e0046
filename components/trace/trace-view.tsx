import type { TraceResponse } from '@/lib/domain/api-responses';
import type { InvestigationState, TimeZoneMode } from '@/lib/url-state';
import { formatMs, formatPercent } from '@/components/format';
import { Instant } from '@/components/time/instant';
import { RawDocument } from './raw-document';
import { TierFacts } from './tier-facts';
import { TraceWaterfall } from './trace-waterfall';
import { clockSkew, toWaterfall } from './waterfall-model';

/** The trace page's content: the answer first, then the waterfall, then the evidence. */
export function TraceView({ trace, timeZoneMode, state }: { trace: TraceResponse; timeZoneMode: TimeZoneMode; state?: InvestigationState }) {
  const waterfall = toWaterfall(trace);
  const first = trace.edge ?? trace.ingress;
  const totalMs = trace.edge?.requestTimeMs ?? trace.ingress?.requestTimeMs ?? 0;
  const largest = waterfall.rows
    .filter((row) => row.kind === 'connect' || row.kind === 'app' || row.kind === 'own')
    .reduce<(typeof waterfall.rows)[number] | null>((best, row) => (best === null || row.durationMs > best.durationMs ? row : best), null);
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-lg font-semibold">
          Trace <code className="font-mono break-all" data-testid="trace-id">{trace.traceId}</code>
        </h1>
        {first && (
          <p className="text-sm text-slate-700 dark:text-slate-200">
            {first.method ?? ''} {first.path ?? ''} {trace.edge?.app ? `· ${trace.edge.app}` : ''} · status {trace.edge?.status ?? trace.ingress?.status ?? '–'} · ended{' '}
            <Instant ms={first.timestampMs} timeZoneMode={timeZoneMode} withMilliseconds showZone />
          </p>
        )}
        {largest && totalMs > 0 && (
          <p className="text-base" data-testid="trace-answer">
            Most of its {formatMs(totalMs)}: <strong>{largest.label}</strong>
            {largest.detail ? <span className="font-mono"> {largest.detail}</span> : null} took <strong>{formatMs(largest.durationMs)}</strong> (
            {formatPercent(largest.durationMs, totalMs, 0)}){largest.note ? ` — ${largest.note}` : ''}.
          </p>
        )}
        {!trace.ingress && <p className="text-sm text-amber-800 dark:text-amber-200">No ingress line for this trace: only the edge side can be shown.</p>}
        {!trace.edge && <p className="text-sm text-amber-800 dark:text-amber-200">No edge line for this trace: only the ingress side can be shown.</p>}
        {(trace.duplicates.edge > 0 || trace.duplicates.ingress > 0) && (
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Duplicate lines: {trace.duplicates.edge} more at the edge, {trace.duplicates.ingress} more at ingress; the one with the largest
            request_time is shown.
          </p>
        )}
      </header>
      <TraceWaterfall waterfall={waterfall} skew={clockSkew(trace)} />
      <div className="grid grid-cols-1 gap-3 min-[1100px]:grid-cols-2">
        {trace.edge && <TierFacts document={trace.edge} title="Edge line" timeZoneMode={timeZoneMode} state={state} />}
        {trace.ingress && <TierFacts document={trace.ingress} title="Ingress line" timeZoneMode={timeZoneMode} state={state} />}
      </div>
      <div className="grid grid-cols-1 gap-3 min-[1100px]:grid-cols-2">
        {trace.edge && <RawDocument title="Edge document (raw)" document={trace.edge.raw} testId="raw-edge" />}
        {trace.ingress && <RawDocument title="Ingress document (raw)" document={trace.ingress.raw} testId="raw-ingress" />}
      </div>
    </div>
  );
}
