'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { parseTriageState, toTriageHref, withTriage } from '@/lib/triage-url-state';
import { useHydrated } from '@/components/use-hydrated';

type CompareWindowControlProps = {
  /** The compared window shown now, as the URL or the default wrote it. */
  compareFrom: string;
  compareTo: string;
  /** The previous period of the same length as the base window. */
  previous: { compareFrom: string; compareTo: string };
};

const inputClass =
  'w-64 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-600 dark:bg-slate-900';
const buttonClass =
  'rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-amber-500 dark:border-slate-600 dark:hover:bg-slate-800';

/**
 * Sets the compared window in the URL (same forms as from/to: ISO instants or now-…), so the
 * comparison is a permalink; the server checks the values and the panel names a bad one.
 */
export function CompareWindowControl({ compareFrom, compareTo, previous }: CompareWindowControlProps) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const hydrated = useHydrated();
  const [from, setFrom] = useState(compareFrom);
  const [to, setTo] = useState(compareTo);

  const go = (window: { compareFrom: string; compareTo: string }) => {
    const state = parseTriageState(new URLSearchParams(searchParams.toString()));
    router.push(toTriageHref(withTriage(state, { ...window, section: 'compare' })));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ compareFrom: from.trim(), compareTo: to.trim() });
  };

  return (
    <form onSubmit={submit} data-hydrated={hydrated} className="flex flex-wrap items-end gap-2" aria-label="Compared window">
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        Compare from
        <input name="compareFrom" value={from} onChange={(event) => setFrom(event.target.value)} className={inputClass} />
      </label>
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        to
        <input name="compareTo" value={to} onChange={(event) => setTo(event.target.value)} className={inputClass} />
      </label>
      <button type="submit" className={buttonClass}>
        Compare
      </button>
      <button
        type="button"
        className={buttonClass}
        onClick={() => {
          setFrom(previous.compareFrom);
          setTo(previous.compareTo);
          go(previous);
        }}
      >
        Previous period
      </button>
    </form>
  );
}
