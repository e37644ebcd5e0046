'use client';

import { useId, useState, type ReactNode } from 'react';

type CollapsibleFiltersProps = {
  /** The active filters in a few words each (summarizeFilters). */
  summary: readonly string[];
  children: ReactNode;
};

/**
 * The filter panel, folded behind a "Filters" button on phone widths (below Tailwind's `sm`, 640 px)
 * so the answer is on the first screen; the button says which filters are active. From `sm` up the
 * panel is always shown and the button is not. CSS alone decides, so the server's HTML is already right.
 */
export function CollapsibleFilters({ summary, children }: CollapsibleFiltersProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="space-y-2">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((current) => !current)}
        data-testid="filters-toggle"
        className="flex w-full items-start gap-2 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-left text-sm sm:hidden dark:border-slate-700 dark:bg-slate-900"
      >
        <span aria-hidden className="mt-0.5 text-xs">
          {open ? '▾' : '▸'}
        </span>
        <span className="min-w-0">
          <span className="font-semibold">Filters</span>{' '}
          <span data-testid="filters-summary" className="break-words text-slate-600 dark:text-slate-300">
            {summary.length === 0 ? '(none active)' : `(${summary.length} active): ${summary.join(' · ')}`}
          </span>
        </span>
      </button>
      <div id={panelId} data-testid="filters-panel" className={open ? '' : 'hidden sm:block'}>
        {children}
      </div>
    </div>
  );
}
