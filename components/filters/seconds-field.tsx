'use client';

import { useId } from 'react';
import type { QueryKey } from '@/lib/url-state';
import { INPUT_CLASS, LABEL_CLASS } from './field-styles';
import { useDraft } from './use-draft';

type SecondsFieldProps = {
  label: string;
  name: QueryKey;
  value: string;
  placeholder: string;
  /** Why a draft may not be committed (lib/url-state findDraftIssue), or null. */
  issueFor: (text: string) => string | null;
  onCommit: (value: string) => void;
};

const COMMIT_DEBOUNCE_MS = 700;

/**
 * A number of seconds (up to milliseconds), checked before it reaches the URL: a draft with an
 * issue is marked, says why, and is never committed, so the query keeps its last valid value.
 */
export function SecondsField({ label, name, value, placeholder, issueFor, onCommit }: SecondsFieldProps) {
  const errorId = useId();
  const { draft, setDraft, commitNow } = useDraft(value, onCommit, {
    debounceMs: COMMIT_DEBOUNCE_MS,
    isValid: (text) => issueFor(text) === null,
  });
  const issue = issueFor(draft);
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
