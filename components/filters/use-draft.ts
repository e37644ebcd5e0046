'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

type DraftOptions = { debounceMs: number; isValid: (value: string) => boolean };

/**
 * A text control's local draft of a URL value. Typing commits after a pause (debounced), Enter
 * or leaving the field commits at once, invalid text is never committed, and when the URL value
 * changes from elsewhere (back/forward, another control) the draft follows it.
 */
export function useDraft(committed: string, commit: (value: string) => void, { debounceMs, isValid }: DraftOptions) {
  const [draft, setDraftState] = useState(committed);
  const [seenCommitted, setSeenCommitted] = useState(committed);
  if (committed !== seenCommitted) {
    setSeenCommitted(committed);
    setDraftState(committed);
  }
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ commit, isValid });
  useEffect(() => {
    latest.current = { commit, isValid };
  });
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const commitValue = useCallback((value: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (latest.current.isValid(value)) latest.current.commit(value.trim());
  }, []);

  const setDraft = useCallback(
    (value: string) => {
      setDraftState(value);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => commitValue(value), debounceMs);
    },
    [commitValue, debounceMs],
  );

  return { draft, setDraft, commitNow: () => commitValue(draft), commitValue };
}
