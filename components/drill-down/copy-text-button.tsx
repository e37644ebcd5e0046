'use client';

import { useEffect, useRef, useState } from 'react';

type CopyTextButtonProps = {
  text: string;
  /** What is copied, for the button's accessible name ("Copy trace id …"). */
  what: string;
};

type CopyState = 'idle' | 'copied' | 'manual';

/** How long "Copied" stays, long enough to read, short enough not to linger over the next row. */
const CONFIRMATION_MS = 2_000;

/**
 * Copies a value with `navigator.clipboard` and says "Copied". Without a clipboard (a page served
 * over plain HTTP to another host is not a secure context; a browser may refuse the permission),
 * it shows the value selected in a field instead, to copy with the keyboard, as the permalink
 * button does.
 */
export function CopyTextButton({ text, what }: CopyTextButtonProps) {
  const [state, setState] = useState<CopyState>('idle');
  const fallback = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state === 'copied') {
      const timer = setTimeout(() => setState('idle'), CONFIRMATION_MS);
      return () => clearTimeout(timer);
    }
    if (state === 'manual') {
      fallback.current?.focus();
      fallback.current?.select();
    }
  }, [state]);

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('manual');
    }
  };

  return (
    <span className="relative inline-flex items-center">
      <button
        type="button"
        onClick={copy}
        aria-label={`Copy ${what} ${text}`}
        title={`Copy ${what}`}
        data-testid="copy-trace-id"
        className="rounded p-0.5 text-slate-500 hover:bg-slate-200 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-amber-500 dark:text-slate-400 dark:hover:bg-slate-700 dark:hover:text-slate-100"
      >
        <CopyIcon />
      </button>
      <span role="status" className={state === 'copied' ? 'absolute left-full z-20 ml-1 rounded bg-slate-800 px-1.5 py-0.5 text-[11px] whitespace-nowrap text-white dark:bg-slate-200 dark:text-slate-900' : 'sr-only'}>
        {state === 'copied' ? 'Copied' : ''}
      </span>
      {state === 'manual' && (
        <span className="absolute top-full left-0 z-20 mt-1 flex items-center gap-1 rounded border border-slate-300 bg-white p-1 text-[11px] shadow dark:border-slate-600 dark:bg-slate-900">
          <span className="whitespace-nowrap">No clipboard access: press Ctrl+C</span>
          <input
            ref={fallback}
            readOnly
            value={text}
            aria-label={`The ${what}, selected to copy`}
            onBlur={() => setState('idle')}
            onKeyDown={(event) => event.key === 'Escape' && setState('idle')}
            className="w-48 rounded border border-slate-300 px-1 font-mono dark:border-slate-600 dark:bg-slate-800"
          />
        </span>
      )}
    </span>
  );
}

function CopyIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" width="12" height="12" fill="none" stroke="currentColor" strokeWidth="1.5">
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 5.5v-2a1.5 1.5 0 0 0-1.5-1.5H4A1.5 1.5 0 0 0 2.5 3.5V9A1.5 1.5 0 0 0 4 10.5h1.5" />
    </svg>
  );
}
