import type { ReactNode } from 'react';

/**
 * Wraps an answer that may belong to an older query: while the current one loads it is dimmed,
 * `aria-busy` and labelled "updating…", so words computed for the previous filters never read as
 * the current answer (issue 14 §2).
 */
export function UpdatingFrame({ stale, what, children }: { stale: boolean; what: string; children: ReactNode }) {
  return (
    <div data-testid="updating-frame" data-stale={stale} aria-busy={stale} className={`relative space-y-1 ${stale ? 'opacity-50 transition-opacity' : ''}`}>
      {stale && (
        <p role="status" className="absolute right-2 top-1 z-10 rounded bg-white px-1.5 text-xs font-medium text-slate-700 shadow-sm dark:bg-slate-900 dark:text-slate-200">
          updating {what}…
        </p>
      )}
      {children}
    </div>
  );
}
