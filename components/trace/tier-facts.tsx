import type { TierDocument } from '@/lib/domain/tier-document';
import type { DimensionField } from '@/lib/domain/dimension-filters';
import { toDimensionFilterHref, type InvestigationState, type TimeZoneMode } from '@/lib/url-state';
import { FilterValueLinks } from '@/components/triage/filter-value-links';
import { formatMs } from '@/components/format';
import { Instant } from '@/components/time/instant';

const attempts = (values: (number | string | null)[], format: (value: number) => string = formatMs) =>
  values.length === 0 ? '–' : values.map((value) => (value === null ? '-' : typeof value === 'number' ? format(value) : value)).join(', ');

type TierFactsProps = {
  document: TierDocument;
  title: string;
  timeZoneMode: TimeZoneMode;
  /** The investigation state the trace was opened from: host, address and status filter it. */
  state?: InvestigationState;
};

/** One tier's line as numbers: what nginx measured, attempt by attempt. */
export function TierFacts({ document, title, timeZoneMode, state }: TierFactsProps) {
  const tier = document.tier;
  // A value with its "Filter to this value" / "Exclude" links, as the dimension filter of its field.
  const filterable = (field: DimensionField, text: string | null) =>
    text === null || !state ? (
      (text ?? '–')
    ) : (
      <span className="flex flex-wrap items-baseline gap-x-2">
        <span>{text}</span>
        <FilterValueLinks
          subject={`${field} ${text}`}
          filterHref={toDimensionFilterHref(state, { field, value: text, exclude: false })}
          excludeHref={toDimensionFilterHref(state, { field, value: text, exclude: true })}
        />
      </span>
    );
  // nginx writes every attempt's address; the stored value (and so the filter) is the list as `a, b`.
  const addresses = document.upstreamAddrs.every((value) => value !== null) && document.upstreamAddrs.length > 0 ? document.upstreamAddrs.join(', ') : null;
  const facts: [string, React.ReactNode][] = [
    ['host (@source)', filterable(`${tier}.host`, document.host)],
    ['@timestamp (end)', <Instant key="end" ms={document.timestampMs} timeZoneMode={timeZoneMode} withMilliseconds showZone />],
    ['start (@timestamp − request_time)', <Instant key="start" ms={document.startMs} timeZoneMode={timeZoneMode} withMilliseconds />],
    ['request_time', formatMs(document.requestTimeMs)],
    ['upstream_connect_time', attempts(document.upstreamConnectMs)],
    ['upstream_header_time', attempts(document.upstreamHeaderMs)],
    ['upstream_response_time', attempts(document.upstreamResponseMs)],
    ['upstream_addr', addresses === null ? attempts(document.upstreamAddrs) : filterable(`${tier}.upstreamAddr`, addresses)],
    ['upstream_status', attempts(document.upstreamStatuses)],
    ['status', filterable(`${tier}.status`, document.status === null ? null : String(document.status))],
    [document.tier === 'edge' ? 'app_name' : 'proxy_upstream_name', (document.tier === 'edge' ? document.app : document.proxyUpstreamName) ?? '–'],
  ];
  return (
    <section className="min-w-0 rounded-lg border border-slate-200 p-3 dark:border-slate-700" aria-label={title}>
      <h3 className="mb-1 text-sm font-semibold">{title}</h3>
      <dl className="grid grid-cols-1 gap-x-3 gap-y-0.5 text-xs tabular-nums sm:grid-cols-[max-content_minmax(0,1fr)]">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600 dark:text-slate-300">{label}</dt>
            <dd className="mb-1 min-w-0 font-mono break-all sm:mb-0">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
