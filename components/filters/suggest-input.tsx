'use client';

import { useEffect, useId, useState } from 'react';
import type { SuggestionsResponse } from '@/lib/domain/api-responses';
import { formatCount } from '@/components/format';
import { fetchApi } from '@/components/investigation/fetch-api';
import { INPUT_CLASS, LABEL_CLASS } from './field-styles';
import { useDraft } from './use-draft';

type SuggestInputProps = {
  label: string;
  name: string;
  value: string;
  placeholder: string;
  /** Suggestions URL for a typed prefix. */
  suggestionsUrlFor: (prefix: string) => string;
  onCommit: (value: string) => void;
  className?: string;
};

const COMMIT_DEBOUNCE_MS = 700;
const SUGGEST_DEBOUNCE_MS = 250;

/** A filter text field with the backend's most frequent values as suggestions. */
export function SuggestInput({ label, name, value, placeholder, suggestionsUrlFor, onCommit, className = '' }: SuggestInputProps) {
  const listId = useId();
  const { draft, setDraft, commitNow, commitValue } = useDraft(value, onCommit, {
    debounceMs: COMMIT_DEBOUNCE_MS,
    isValid: (text) => text.trim().length <= 1_000,
  });
  const [active, setActive] = useState(false);
  const [suggestions, setSuggestions] = useState<SuggestionsResponse['values']>([]);
  const url = active ? suggestionsUrlFor(draft.trim()) : null;

  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchApi<SuggestionsResponse>(url, controller.signal).then(
        (result) => !controller.signal.aborted && setSuggestions(result.ok ? result.data.values : []),
        () => {},
      );
    }, SUGGEST_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [url]);

  return (
    <label className={`${LABEL_CLASS} ${className}`}>
      {label}
      <input
        name={name}
        type="search"
        list={listId}
        value={draft}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        className={INPUT_CLASS}
        onFocus={() => setActive(true)}
        onChange={(event) => {
          const picked = (event.nativeEvent as InputEvent).inputType === 'insertReplacementText' || !(event.nativeEvent instanceof InputEvent);
          if (picked) commitValue(event.target.value);
          setDraft(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commitNow();
          }
        }}
        onBlur={() => {
          setActive(false);
          commitNow();
        }}
      />
      <datalist id={listId}>
        {suggestions.map((suggestion) => (
          <option key={suggestion.value} value={suggestion.value}>
            {formatCount(suggestion.count)} requests
          </option>
        ))}
      </datalist>
    </label>
  );
}
