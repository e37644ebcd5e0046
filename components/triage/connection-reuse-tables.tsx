import { OTHER_GROUP } from '@/lib/domain/connect-timeline';
import type { DimensionField } from '@/lib/domain/dimension-filters';
import type { ConnectionReuse, ReuseRow } from '@/lib/domain/triage/connection-reuse';
import type { ConnectHop } from '@/lib/domain/triage/triage-data';
import { toDimensionFilterHref, type InvestigationState } from '@/lib/url-state';
import { FilterValueLinks } from './filter-value-links';
import { formatCount, formatMs } from '@/components/format';

type ConnectionReuseTablesProps = {
  reuse: ConnectionReuse;
  /** The investigation state the links narrow; without it, rows offer no filter links. */
  state?: InvestigationState;
};

/** The dimension filter of each hop's groups: the hop's connect times are logged by its client tier. */
const GROUP_FIELDS: Readonly<Record<ConnectHop, { host: DimensionField; upstreamAddr: DimensionField }>> = {
  edgeToIngress: { host: 'edge.host', upstreamAddr: 'edge.upstreamAddr' },
  ingressToApp: { host: 'ingress.host', upstreamAddr: 'ingress.upstreamAddr' },
};


const headerClass = 'px-2 py-1.5 text-left font-medium whitespace-nowrap';
const cellClass = 'px-2 py-1 whitespace-nowrap tabular-nums';

function Row({ row, strong, field, state }: { row: ReuseRow; strong?: boolean; field?: DimensionField; state?: InvestigationState }) {
  const value = row.value;
  // Rows merged past the largest groups have no value to filter on.
  const links = !strong && field && state && value !== OTHER_GROUP;
  return (
    <tr className={`border-t border-slate-200 dark:border-slate-700 ${strong ? 'font-medium' : ''}`}>
      <td className="px-2 py-1 break-all">
        <span data-testid="reuse-value">{strong ? 'whole hop' : value}</span>
        {links && (
          <>
            {' '}
            <FilterValueLinks
              subject={`${field} ${value}`}
              filterHref={toDimensionFilterHref(state, { field, value, exclude: false })}
              excludeHref={toDimensionFilterHref(state, { field, value, exclude: true })}
            />
          </>
        )}
      </td>
      <td className={cellClass}>{formatCount(row.lines)}</td>
      <td className={cellClass}>{row.newShare === null ? '–' : `${(row.newShare * 100).toFixed(1)} %`}</td>
      <td className={cellClass}>{formatMs(row.newP50Ms)}</td>
      <td className={cellClass}>{formatMs(row.newP99Ms)}</td>
      <td className={cellClass}>{formatMs(row.newMaxMs)}</td>
      <td className={`${cellClass} ${row.newAtLeastSecond > 0 ? 'text-rose-700 dark:text-rose-300' : ''}`}>{formatCount(row.newAtLeastSecond)}</td>
    </tr>
  );
}

/** Per hop, per host and per upstream address: how many requests opened a connection, and how long that took. */
export function ConnectionReuseTables({ reuse, state }: ConnectionReuseTablesProps) {
  return (
    <section aria-labelledby="reuse-heading" data-testid="triage-connection-reuse" className="space-y-3">
      <h2 id="reuse-heading" className="text-base font-semibold">
        Connection reuse
      </h2>
      <p className="text-xs text-slate-600 dark:text-slate-300">
        A connect time of exactly 0 is a reused keepalive connection, which no handshake can delay; only new connections can wait
        for a retransmitted SYN.
      </p>
      {reuse.hops.map((hop) => (
        <div key={hop.hop} className="space-y-1">
          <p className="text-sm leading-relaxed">{hop.sentence}</p>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">{hop.label} connections per host and upstream address</caption>
              <thead className="text-slate-600 dark:text-slate-300">
                <tr>
                  <th className={headerClass}>{hop.label}</th>
                  <th className={headerClass}>Requests</th>
                  <th className={headerClass}>New connections</th>
                  <th className={headerClass}>New p50</th>
                  <th className={headerClass}>New p99</th>
                  <th className={headerClass}>New max</th>
                  <th className={headerClass}>New ≥ 1 s</th>
                </tr>
              </thead>
              <tbody>
                <Row row={hop.all} strong />
                {hop.byHost.length > 0 && (
                  <tr>
                    <th colSpan={7} className="px-2 pt-2 text-left text-xs font-medium text-slate-600 dark:text-slate-300">
                      by host
                    </th>
                  </tr>
                )}
                {hop.byHost.map((row) => (
                  <Row key={`host:${row.value}`} row={row} field={GROUP_FIELDS[hop.hop].host} state={state} />
                ))}
                {hop.byUpstreamAddr.length > 0 && (
                  <tr>
                    <th colSpan={7} className="px-2 pt-2 text-left text-xs font-medium text-slate-600 dark:text-slate-300">
                      by upstream address
                    </th>
                  </tr>
                )}
                {hop.byUpstreamAddr.map((row) => (
                  <Row key={`addr:${row.value}`} row={row} field={GROUP_FIELDS[hop.hop].upstreamAddr} state={state} />
                ))}
              </tbody>
            </table>
          </div>
          {hop.withoutConnectTime > 0 && (
            <p className="text-xs text-slate-600 dark:text-slate-300">{formatCount(hop.withoutConnectTime)} requests without a connect time are not counted.</p>
          )}
        </div>
      ))}
    </section>
  );
}
