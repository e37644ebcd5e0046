'use client';

import { useId } from 'react';
import { findQueryIssues, type QueryKey } from '@/lib/url-state';
import { INPUT_CLASS, LABEL_CLASS } from './field-styles';
import { useDraft } from './use-draft';

type SecondsFieldProps = {
  label: string;
  name: QueryKey;
  value: string;
  placeholder: string;
  onCommit: (value: string) => void;
};

const COMMIT_DEBOUNCE_MS = 700;

const issueOf = (name: QueryKey, text: string) => (text.trim() === '' ? null : (findQueryIssues({ [name]: text.trim() })[0]?.message ?? null));

/** A number of seconds (up to milliseconds), checked against the query schema before it reaches the URL. */
export function SecondsField({ label, name, value, placeholder, onCommit }: SecondsFieldProps) {
  const errorId = useId();
  const { draft, setDraft, commitNow } = useDraft(value, onCommit, {
    debounceMs: COMMIT_DEBOUNCE_MS,
    isValid: (text) => issueOf(name, text) === null,
  });
  const issue = issueOf(name, draft);
  return (
    <label className={LABEL_CLASS}>
      {label}
      <span className="relative">
        <input
          name={name}
          type="text"
          inputMode="decimal"
          value={draft}
          placeholder={placeholder}
          autoComplete="off"
          aria-invalid={issue !== null}
          aria-describedby={issue ? errorId : undefined}
          className={`${INPUT_CLASS} w-20 pr-5`}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              commitNow();
            }
          }}
          onBlur={commitNow}
        />
        <span aria-hidden className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 text-xs text-slate-400">
          s
        </span>
      </span>
      {issue && (
        <span id={errorId} role="alert" className="max-w-48 text-xs font-normal text-rose-700 dark:text-rose-300">
          {issue}
        </span>
      )}
    </label>
  );
}
