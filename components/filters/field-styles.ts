/** Shared look of the filter bar's inputs and buttons. */
export const INPUT_CLASS =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm tabular-nums text-slate-900 placeholder:text-slate-400 focus-visible:outline-2 focus-visible:outline-amber-500 aria-[invalid=true]:border-rose-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100';

export const LABEL_CLASS = 'flex flex-col gap-0.5 text-xs font-medium text-slate-600 dark:text-slate-300';

export const BUTTON_CLASS =
  'rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-amber-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800 aria-pressed:bg-slate-800 aria-pressed:text-white dark:aria-pressed:bg-slate-200 dark:aria-pressed:text-slate-900';
