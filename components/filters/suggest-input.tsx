'use client';

import { useEffect, useId, useState } from 'react';
import type { SuggestionsResponse } from '@/lib/domain/api-responses';
import { formatCount } from '@/components/format';
import { fetchApi } from '@/components/investigation/fetch-api';
import { INPUT_CLASS, LABEL_CLASS } from './field-styles';

type SuggestInputProps = {
  label: string;
  name: string;
  value: string;
  placeholder: string;
  /** Suggestions URL for the typed text (the API matches it anywhere in a value: prefix and substring). */
  suggestionsUrlFor: (prefix: string) => string;
  onCommit: (value: string) => void;
  className?: string;
};

/** Short: suggestions follow the typing; only asking the server is spared per keystroke. */
const SUGGEST_DEBOUNCE_MS = 120;
const MAX_LENGTH = 1_000;

/**
 * A filter text field with the backend's most frequent values containing the typed text as
 * suggestions. The filter applies on Enter, on choosing a suggestion or on leaving the field,
 * never after a pause in typing: a half-typed "user" would empty the page while the user types.
 */
export function SuggestInput({ label, name, value, placeholder, suggestionsUrlFor, onCommit, className = '' }: SuggestInputProps) {
  const listId = useId();
  const [draft, setDraft] = useState(value);
  // The URL's value changed elsewhere (back/forward, a chip, a link): the field follows it.
  const [seenValue, setSeenValue] = useState(value);
  if (value !== seenValue) {
    setSeenValue(value);
    setDraft(value);
  }
  const commitValue = (text: string) => {
    if (text.trim().length <= MAX_LENGTH && text.trim() !== value) onCommit(text.trim());
  };
  const commitNow = () => commitValue(draft);
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
