import type { ReactNode } from 'react';

type EmptyStateProps = { title: ReactNode; hints: string[]; actions?: ReactNode };

/** Nothing matched: say so, and say what to try. */
export function EmptyState({ title, hints, actions }: EmptyStateProps) {
  return (
    <div data-testid="empty-state" className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-sm dark:border-slate-600">
      <p className="font-semibold">{title}</p>
      <ul className="mt-1 list-disc pl-5 text-slate-600 dark:text-slate-300">
        {hints.map((hint) => (
          <li key={hint}>{hint}</li>
        ))}
      </ul>
      {actions && <div className="mt-3 flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}
