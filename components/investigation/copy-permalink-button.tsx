'use client';

import { useState } from 'react';
import { hasRelativeRange, toInvestigationHref, toPermalinkState, type InvestigationState } from '@/lib/url-state';
import { BUTTON_CLASS, INPUT_CLASS } from '@/components/filters/field-styles';

type CopyPermalinkButtonProps = {
  state: InvestigationState;
  /** The absolute window the server resolved for the current URL; needed to pin relative ranges. */
  resolved: { from: string; to: string } | null;
};

/**
 * Copies a link that reproduces this view anywhere, later: a relative range ("last 1 h") is
 * replaced by the absolute instants it meant now. The link is also shown, selectable, in case the
 * clipboard is not available.
 */
export function CopyPermalinkButton({ state, resolved }: CopyPermalinkButtonProps) {
  const [copied, setCopied] = useState<{ link: string; clipboard: boolean } | null>(null);
  const pinned = hasRelativeRange(state.query);
  const copy = async () => {
    if (!resolved) return;
    const link = `${window.location.origin}${toInvestigationHref(toPermalinkState(state, resolved))}`;
    let clipboard = true;
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      clipboard = false;
    }
    setCopied({ link, clipboard });
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={BUTTON_CLASS}
        onClick={copy}
        disabled={!resolved}
        title={pinned ? 'The relative time range is pinned to absolute instants in the link' : undefined}
      >
        Copy permalink
      </button>
      {copied && (
        <span role="status" className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
          {copied.clipboard ? 'Copied' : 'Copy this link'}
          {pinned ? ' (range pinned to absolute time)' : ''}:
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
