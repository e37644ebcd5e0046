'use client';

type Option<T extends string> = { value: T; label: string };

type SegmentedControlProps<T extends string> = {
  label: string;
  value: T;
  options: readonly Option<T>[];
  onChange: (value: T) => void;
  size?: 'sm' | 'md';
};

/** A labelled group of mutually exclusive toggle buttons; the pressed one is the current value. */
export function SegmentedControl<T extends string>({ label, value, options, onChange, size = 'sm' }: SegmentedControlProps<T>) {
  return (
    <div role="group" aria-label={label} className="inline-flex items-center gap-1">
      <span className="mr-1 text-xs text-slate-600 dark:text-slate-300" aria-hidden>
        {label}
      </span>
      <span className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-600">
        {options.map((option) => {
          const checked = option.value === value;
          return (
            <button
              key={option.value}
              type="button"
              aria-pressed={checked}
              onClick={() => onChange(option.value)}
              className={`${size === 'sm' ? 'px-2 py-0.5 text-xs' : 'px-3 py-1 text-sm'} border-l border-slate-300 first:border-l-0 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-amber-500 dark:border-slate-600 ${
                checked
                  ? 'bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900'
                  : 'bg-white text-slate-700 hover:bg-slate-100 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800'
              }`}
            >
              {option.label}
            </button>
          );
        })}
      </span>
    </div>
  );
}
