'use client';

import { TRACE_OPTIONAL_COLUMNS, type TraceOptionalColumn } from '@/lib/url-state';

type ColumnChooserProps = {
  shown: readonly TraceOptionalColumn[];
  onChange: (column: TraceOptionalColumn, shown: boolean) => void;
  buttonClass: string;
};

const LABELS: Record<TraceOptionalColumn, string> = {
  request: 'Request (app, method, path)',
  edgeMinusIngress: 'Edge − ingress (time between the tiers)',
  ingressMinusUpstream: 'Ingress − upstream (time inside ingress-nginx)',
  ingressUpstream: 'Ingress upstream time (the app’s response, connect included)',
};

/** Which optional columns the trace table shows; the choice lives in the URL (`cols`), like the sort. */
export function ColumnChooser({ shown, onChange, buttonClass }: ColumnChooserProps) {
  return (
    <details className="relative" data-testid="column-chooser">
      <summary className={`${buttonClass} cursor-pointer list-none`}>Columns</summary>
      <fieldset className="absolute right-0 z-30 mt-1 w-72 space-y-1 rounded-md border border-slate-300 bg-white p-2 text-xs shadow-lg dark:border-slate-600 dark:bg-slate-900">
        <legend className="sr-only">Optional columns of the trace table</legend>
        {TRACE_OPTIONAL_COLUMNS.map((column) => (
          <label key={column} className="flex items-start gap-2">
            <input type="checkbox" checked={shown.includes(column)} onChange={(event) => onChange(column, event.target.checked)} className="mt-0.5" />
            <span>{LABELS[column]}</span>
          </label>
        ))}
        <p className="border-t border-slate-200 pt-1 text-slate-500 dark:border-slate-700 dark:text-slate-400">
          Hosts, upstream addresses, connect times and statuses of both tiers are always shown.
        </p>
      </fieldset>
    </details>
  );
}
