'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { TraceSummary } from '@/lib/domain/trace';
import type { TimeZoneMode, TraceSort, TraceSortKey } from '@/lib/url-state';
import { formatMs } from '@/components/format';
import { Instant } from '@/components/time/instant';
import { sortTraces } from './sort-traces';
import { DEFAULT_SLOW_MS } from '@/lib/domain/query';

type TraceTableProps = {
  traces: readonly TraceSummary[];
  sort: TraceSort;
  timeZoneMode: TimeZoneMode;
  onSortChange: (sort: TraceSort) => void;
  hrefFor: (traceId: string) => string;
};


type MsColumn = { key: TraceSortKey; label: string; hint: string; testId: string; value: (trace: TraceSummary) => number | null };

const MS_COLUMNS: MsColumn[] = [
  { key: 'edge', label: 'Edge', hint: 'edge request_time', testId: 'cell-edge', value: (t) => t.edge.requestTimeMs },
  { key: 'ingress', label: 'Ingress', hint: 'ingress request_time', testId: 'cell-ingress', value: (t) => t.ingress?.requestTimeMs ?? null },
  { key: 'edgeMinusIngress', label: 'Edge − ingress', hint: 'edge request_time − ingress request_time: time between the tiers', testId: 'cell-edge-minus-ingress', value: (t) => t.edgeMinusIngressMs },
  { key: 'ingressMinusUpstream', label: 'Ingress − upstream', hint: 'ingress request_time − ingress upstream_response_time: time inside ingress-nginx', testId: 'cell-ingress-minus-upstream', value: (t) => t.ingressMinusUpstreamMs },
  { key: 'edgeConnect', label: 'Edge connect', hint: 'edge upstream_connect_time (edge → ingress), summed over attempts', testId: 'cell-edge-connect', value: (t) => t.edge.connectMs },
  { key: 'ingressConnect', label: 'Ingress connect', hint: 'ingress upstream_connect_time (ingress → app), summed over attempts', testId: 'cell-ingress-connect', value: (t) => t.ingress?.connectMs ?? null },
  { key: 'ingressUpstream', label: 'Ingress upstream', hint: 'ingress upstream_response_time (ingress → app, connect included), summed over attempts', testId: 'cell-ingress-upstream', value: (t) => t.ingress?.responseMs ?? null },
];

const headerClass = 'px-2 py-1.5 text-left font-medium whitespace-nowrap';
const cellClass = 'px-2 py-1 whitespace-nowrap';

/**
 * The traces of one bucket: sortable columns (within the loaded page), each row opening the
 * trace. Times of a second or more are bold so the slow hop of each row shows at a glance.
 */
export function TraceTable({ traces, sort, timeZoneMode, onSortChange, hrefFor }: TraceTableProps) {
  const router = useRouter();
  const rows = sortTraces(traces, sort);

  const sortButton = (key: TraceSortKey, label: string) => {
    const active = sort.key === key;
    const nextOrder = active && sort.order === 'desc' ? 'asc' : 'desc';
    return (
      <button
        type="button"
        onClick={() => onSortChange({ key, order: nextOrder })}
        className="inline-flex items-center gap-1 rounded hover:underline focus-visible:outline-2 focus-visible:outline-amber-500"
        aria-label={`Sort by ${label}, ${nextOrder === 'desc' ? 'largest' : 'smallest'} first`}
      >
        {label}
        <span aria-hidden className="w-3 text-slate-500">
          {active ? (sort.order === 'desc' ? '↓' : '↑') : ''}
        </span>
      </button>
    );
  };
  const ariaSort = (key: TraceSortKey) => (sort.key === key ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined);

  return (
    <div className="max-h-[30rem] overflow-auto rounded-lg border border-slate-200 dark:border-slate-700">
      <table className="w-full border-collapse text-xs tabular-nums" data-testid="trace-table">
        <thead className="sticky top-0 z-10 bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200">
          <tr>
            <th scope="col" className={headerClass} aria-sort={ariaSort('time')}>
              {sortButton('time', 'Time (edge)')}
            </th>
            <th scope="col" className={headerClass}>
              Trace
            </th>
            <th scope="col" className={headerClass}>
              Request
            </th>
            {MS_COLUMNS.map((column) => (
              <th key={column.key} scope="col" className={`${headerClass} text-right`} aria-sort={ariaSort(column.key)} title={column.hint}>
                {sortButton(column.key, column.label)}
              </th>
            ))}
            <th scope="col" className={headerClass}>
              Upstream addr (edge → / ingress →)
            </th>
            <th scope="col" className={headerClass}>
              Hosts (edge / ingress)
            </th>
            <th scope="col" className={headerClass} aria-sort={ariaSort('status')}>
              {sortButton('status', 'Status')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((trace) => {
            const href = hrefFor(trace.traceId);
            return (
              <tr
                key={trace.traceId}
                data-testid="trace-row"
                data-trace-id={trace.traceId}
                onClick={(event) => {
                  if (!(event.target as HTMLElement).closest('a,button')) router.push(href);
                }}
                className="cursor-pointer border-t border-slate-200 hover:bg-sky-50 dark:border-slate-700 dark:hover:bg-slate-800"
              >
                <td className={cellClass}>
                  <Instant ms={trace.timestampMs} timeZoneMode={timeZoneMode} withMilliseconds />
                </td>
                <td className={`${cellClass} font-mono`}>
                  <Link href={href} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-300" title={trace.traceId}>
                    {trace.traceId.length > 20 ? `${trace.traceId.slice(0, 16)}…` : trace.traceId}
                  </Link>
                </td>
                <td className={`${cellClass} max-w-64 truncate`} title={[trace.app, trace.method, trace.path].filter(Boolean).join(' ')}>
                  <span className="text-slate-500 dark:text-slate-400">{trace.app ?? '–'}</span> {trace.method ?? ''} {trace.path ?? ''}
                </td>
                {MS_COLUMNS.map((column) => {
                  const value = column.value(trace);
                  return (
                    <td
                      key={column.key}
                      data-testid={column.testId}
                      data-ms={value ?? ''}
                      className={`${cellClass} text-right ${value !== null && value >= DEFAULT_SLOW_MS ? 'font-bold text-rose-700 dark:text-rose-300' : ''}`}
                    >
                      {formatMs(value)}
                    </td>
                  );
                })}
                <td className={`${cellClass} font-mono`}>
                  {trace.edge.upstreamAddr ?? '–'} / {trace.ingress?.upstreamAddr ?? '–'}
                </td>
                <td className={cellClass}>
                  {trace.edge.host ?? '–'} / {trace.ingress?.host ?? '–'}
                </td>
                <td className={cellClass}>
                  {trace.edge.status ?? '–'} / {trace.ingress?.status ?? '–'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
