'use client';

import { useState } from 'react';
import { hasRelativeRange, toInvestigationHref, toPermalinkState, type InvestigationState } from '@/lib/url-state';
import { BUTTON_CLASS, INPUT_CLASS } from '@/components/filters/field-styles';

type CopyPermalinkButtonProps = {
  state: InvestigationState;
  /** The absolute window the server resolved for the current URL; needed to pin relative ranges. */
  resolved: { from: string; to: string } | null;
  /** No answer will resolve the window (the request failed): the link is then the URL as it is. */
  unresolvable?: boolean;
};

/**
 * Copies a link that reproduces this view anywhere, later: a relative range ("last 1 h") is
 * replaced by the absolute instants it meant now. The link is also shown, selectable, in case the
 * clipboard is not available.
 */
export function CopyPermalinkButton({ state, resolved, unresolvable = false }: CopyPermalinkButtonProps) {
  const [copied, setCopied] = useState<{ link: string; clipboard: boolean; pinned: boolean } | null>(null);
  const relative = hasRelativeRange(state.query);
  const copy = async () => {
    if (!resolved && !unresolvable) return;
    const href = resolved ? toInvestigationHref(toPermalinkState(state, resolved)) : toInvestigationHref(state);
    const link = `${window.location.origin}${href}`;
    let clipboard = true;
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      clipboard = false;
    }
    setCopied({ link, clipboard, pinned: resolved !== null && relative });
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={BUTTON_CLASS}
        onClick={copy}
        disabled={!resolved && !unresolvable}
        title={relative && resolved ? 'The relative time range is pinned to absolute instants in the link' : undefined}
      >
        Copy permalink
      </button>
      {copied && (
        <span role="status" className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
          {copied.clipboard ? 'Copied' : 'Copy this link'}
          {copied.pinned ? ' (range pinned to absolute time)' : ''}
          {!resolved && relative ? ' (the range stays relative: no answer resolved it)' : ''}:
          <input
            readOnly
            aria-label="Permalink"
            data-testid="permalink"
            value={copied.link}
            onFocus={(event) => event.target.select()}
            className={`${INPUT_CLASS} w-72 text-xs`}
          />
        </span>
      )}
    </div>
  );
}
