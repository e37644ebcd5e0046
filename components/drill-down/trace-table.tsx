'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { MouseEvent, ReactNode } from 'react';
import { DEFAULT_SLOW_MS } from '@/lib/domain/query';
import type { DimensionFilter } from '@/lib/domain/dimension-filters';
import type { TraceSummary } from '@/lib/domain/trace';
import type { TimeZoneMode, TraceOptionalColumn, TraceSort } from '@/lib/url-state';
import { formatMs } from '@/components/format';
import { Instant } from '@/components/time/instant';
import { COMPACT_SIGNS_CELL_PADDING, FilterValueLinks } from '@/components/triage/filter-value-links';
import { CopyTextButton } from './copy-text-button';
import { sortTraces } from './sort-traces';
import { headerGroups, shownColumns, type TraceColumn } from './trace-columns';

type TraceTableProps = {
  traces: readonly TraceSummary[];
  sort: TraceSort;
  /** The optional columns shown; the others always are. */
  columns: readonly TraceOptionalColumn[];
  timeZoneMode: TimeZoneMode;
  onSortChange: (sort: TraceSort) => void;
  hrefFor: (traceId: string) => string;
  /** The investigation page with one more dimension filter; without it, cells offer no filter links. */
  filterHrefFor?: (filter: DimensionFilter) => string;
};

// Narrow padding and cells that may wrap (dates at the space, address lists after their commas,
// headers between words) keep every default column within 1440 px without horizontal scrolling.
const headerClass = 'px-1.5 py-1 text-left align-bottom font-medium';
const cellClass = 'px-1.5 py-1 align-top';

/**
 * The traces of one bucket: sortable columns (within the loaded page), the culprit columns always
 * shown, the full trace id with a copy button, each row opening the trace. Times of a second or
 * more are bold so the slow hop of each row shows at a glance.
 */
export function TraceTable({ traces, sort, columns, timeZoneMode, onSortChange, hrefFor, filterHrefFor }: TraceTableProps) {
  const router = useRouter();
  const rows = sortTraces(traces, sort);
  const shown = shownColumns(columns);
  let next = 0;
  const upper = headerGroups(shown).map((group) => {
    const first = shown[next]!;
    next += group.span;
    return group.label === null ? (
      <HeaderCell key={first.id} column={first} sort={sort} onSortChange={onSortChange} rowSpan={2} />
    ) : (
      <th key={`group-${first.id}`} scope="colgroup" colSpan={group.span} className="border-b border-slate-300 px-1.5 pt-1 text-center font-semibold dark:border-slate-600">
        {group.label}
      </th>
    );
  });

  const open = (event: MouseEvent, href: string) => {
    // A click on a control, or one that ends a text selection (copying part of an address), stays on the page.
    if ((event.target as HTMLElement).closest('a,button,input') || window.getSelection()?.toString()) return;
    router.push(href);
  };

  return (
    <div className="max-h-[30rem] overflow-auto rounded-lg border border-slate-200 dark:border-slate-700" data-testid="trace-table-scroll">
      <table className="w-full border-collapse text-xs tabular-nums" data-testid="trace-table">
        <thead className="sticky top-0 z-10 bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200">
          <tr>{upper}</tr>
          <tr>
            {shown
              .filter((column) => column.group !== null)
              .map((column) => (
                <HeaderCell key={column.id} column={column} sort={sort} onSortChange={onSortChange} />
              ))}
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
                onClick={(event) => open(event, href)}
                className="group cursor-pointer border-t border-slate-200 hover:bg-sky-50 dark:border-slate-700 dark:hover:bg-slate-800"
              >
                {shown.map((column) => (
                  <Cell key={column.id} column={column} trace={trace} href={href} timeZoneMode={timeZoneMode} filterHrefFor={filterHrefFor} />
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

type HeaderCellProps = { column: TraceColumn; sort: TraceSort; onSortChange: (sort: TraceSort) => void; rowSpan?: number };

function HeaderCell({ column, sort, onSortChange, rowSpan }: HeaderCellProps) {
  const numeric = column.kind.type === 'ms';
  const active = column.sortKey !== undefined && sort.key === column.sortKey;
  // Names read best A to Z first, times largest first.
  const firstOrder = column.kind.type === 'text' ? 'asc' : 'desc';
  const nextOrder = active ? (sort.order === 'desc' ? 'asc' : 'desc') : firstOrder;
  const orderWords = column.kind.type === 'text' ? { asc: 'A to Z', desc: 'Z to A' } : { asc: 'smallest first', desc: 'largest first' };
  return (
    <th
      scope="col"
      rowSpan={rowSpan}
      title={column.hint}
      aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined}
      className={`${headerClass} ${numeric ? 'text-right' : ''}`}
    >
      {column.sortKey === undefined ? (
        column.label
      ) : (
        <button
          type="button"
          onClick={() => onSortChange({ key: column.sortKey!, order: nextOrder })}
          className={`rounded hover:underline focus-visible:outline-2 focus-visible:outline-amber-500 ${numeric ? 'text-right' : 'text-left'}`}
          aria-label={`Sort by ${column.name}, ${orderWords[nextOrder]}`}
        >
          {column.label}
          {active && (
            <span aria-hidden className="ml-0.5 text-slate-500">
              {sort.order === 'desc' ? '↓' : '↑'}
            </span>
          )}
        </button>
      )}
    </th>
  );
}

type CellProps = { column: TraceColumn; trace: TraceSummary; href: string; timeZoneMode: TimeZoneMode; filterHrefFor?: (filter: DimensionFilter) => string };

function Cell({ column, trace, href, timeZoneMode, filterHrefFor }: CellProps): ReactNode {
  const { kind } = column;
  switch (kind.type) {
    case 'time':
      return (
        <td className={cellClass}>
          <Instant ms={trace.timestampMs} timeZoneMode={timeZoneMode} withMilliseconds />
        </td>
      );
    case 'traceId':
      return (
        <td className={cellClass} data-testid="cell-trace-id">
          <span className="flex items-start gap-1">
            <Link href={href} className="w-40 font-mono break-all text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
              {trace.traceId}
            </Link>
            <CopyTextButton text={trace.traceId} what="trace id" />
          </span>
        </td>
      );
    case 'request': {
      const request = [trace.app, trace.method, trace.path].filter(Boolean).join(' ');
      return (
        <td className={cellClass} title={request}>
          <div className="w-32 truncate">
            <span className="text-slate-500 dark:text-slate-400">{trace.app ?? '–'}</span> {trace.method ?? ''} {trace.path ?? ''}
          </div>
        </td>
      );
    }
    case 'ms': {
      const value = kind.value(trace);
      const slow = value !== null && value >= DEFAULT_SLOW_MS;
      return (
        <td data-testid={column.testId} data-ms={value ?? ''} className={`${cellClass} text-right whitespace-nowrap ${slow ? 'font-bold text-rose-700 dark:text-rose-300' : ''}`}>
          {formatMs(value)}
        </td>
      );
    }
    case 'text': {
      const value = kind.value(trace);
      const field = kind.filter;
      const text = value === null ? null : String(value);
      const signs = field !== undefined && text !== null && filterHrefFor !== undefined;
      // A cell with filter signs keeps a gutter for them, so they never cover the end of its value.
      const padding = signs ? `${COMPACT_SIGNS_CELL_PADDING} align-top` : cellClass;
      return (
        <td data-testid={column.testId} className={`${padding} relative ${kind.mono ? 'font-mono' : 'whitespace-nowrap'}`}>
          {kind.mono && typeof value === 'string' ? <AddressList value={value} /> : (value ?? '–')}
          {signs && (
            <FilterValueLinks
              compact
              subject={`${column.name.toLowerCase()} ${text}`}
              filterHref={filterHrefFor({ field, value: text, exclude: false })}
              excludeHref={filterHrefFor({ field, value: text, exclude: true })}
            />
          )}
        </td>
      );
    }
  }
}

/** Every attempt's address on its own line (nginx lists retries as `a, b`); the text keeps the list as nginx wrote it. */
function AddressList({ value }: { value: string }) {
  const parts = value.split(', ');
  return parts.map((part, i) => (
    <span key={i} className="block whitespace-nowrap">
      {part}
      {i < parts.length - 1 ? ', ' : ''}
    </span>
  ));
}
