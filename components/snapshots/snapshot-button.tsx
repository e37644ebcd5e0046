'use client';

import { useId, useState } from 'react';
import type { ApiErrorBody } from '@/lib/domain/api-responses';
import { MAX_SNAPSHOT_NOTE_LENGTH, MAX_SNAPSHOT_TITLE_LENGTH } from '@/lib/domain/snapshot';
import type { InvestigationState } from '@/lib/url-state';
import { BUTTON_CLASS, INPUT_CLASS, LABEL_CLASS } from '@/components/filters/field-styles';
import { CopyTextButton } from '@/components/drill-down/copy-text-button';
import { createSnapshot } from './snapshot-api';
import { defaultSnapshotTitle, toAbsoluteSnapshotUrl, toCreateSnapshotBody } from './snapshot-model';

type SnapshotButtonProps = {
  state: InvestigationState;
  /** The absolute window the server resolved for the current URL: the window frozen. */
  resolved: { from: string; to: string } | null;
  /** Whether the server takes snapshots (HOPSCOPE_SNAPSHOTS). */
  enabled: boolean;
};

type Phase = { kind: 'editing'; error: ApiErrorBody['error'] | null } | { kind: 'creating' } | { kind: 'created'; link: string };

/**
 * "Snapshot": freezes the window on the server so the link keeps working after the logs are gone.
 * A small form below the button takes a title (the window, prefilled) and a note; the answer is
 * the absolute link to share. Not offered when the server takes none, nor inside a snapshot (its
 * window is already frozen).
 */
export function SnapshotButton({ state, resolved, enabled }: SnapshotButtonProps) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'editing', error: null });
  const formId = useId();
  if (!enabled || state.query.snapshot) return null;

  const toggle = () => {
    if (!open && resolved) {
      setTitle(defaultSnapshotTitle(resolved));
      setNote('');
      setPhase({ kind: 'editing', error: null });
    }
    setOpen(!open);
  };
  const create = async () => {
    if (!resolved || phase.kind === 'creating') return;
    setPhase({ kind: 'creating' });
    const result = await createSnapshot(toCreateSnapshotBody(state, resolved, title, note));
    setPhase(result.ok ? { kind: 'created', link: toAbsoluteSnapshotUrl(window.location.origin, result.data.url) } : { kind: 'editing', error: result.error });
  };

  return (
    <div className="relative">
      <button
        type="button"
        className={BUTTON_CLASS}
        onClick={toggle}
        disabled={!resolved}
        aria-expanded={open}
        aria-controls={open ? formId : undefined}
        title="Freeze this window on the server: the link keeps working after the logs are deleted"
      >
        Snapshot
      </button>
      {open && (
        <form
          id={formId}
          aria-label="Take a snapshot"
          data-testid="snapshot-form"
          className="absolute right-0 top-full z-30 mt-1 w-96 max-w-[90vw] space-y-2 rounded-md border border-slate-300 bg-white p-3 text-sm shadow-lg dark:border-slate-600 dark:bg-slate-900"
          onSubmit={(event) => {
            event.preventDefault();
            void create();
          }}
          onKeyDown={(event) => event.key === 'Escape' && phase.kind !== 'creating' && setOpen(false)}
        >
          {phase.kind === 'created' ? (
            <div className="space-y-2">
              <p role="status">Snapshot taken. It opens the same view of the frozen window:</p>
              <div className="flex items-center gap-2">
                <input
                  readOnly
                  aria-label="Snapshot link"
                  data-testid="snapshot-link"
                  value={phase.link}
                  onFocus={(event) => event.target.select()}
                  className={`${INPUT_CLASS} min-w-0 flex-1 text-xs`}
                />
                <CopyTextButton text={phase.link} what="snapshot link" />
              </div>
              <button type="button" className={BUTTON_CLASS} onClick={() => setOpen(false)}>
                Close
              </button>
            </div>
          ) : (
            <>
              <label className={LABEL_CLASS}>
                Title
                <input
                  required
                  value={title}
                  maxLength={MAX_SNAPSHOT_TITLE_LENGTH}
                  onChange={(event) => setTitle(event.target.value)}
                  disabled={phase.kind === 'creating'}
                  className={INPUT_CLASS}
                />
              </label>
              <label className={LABEL_CLASS}>
                Note (optional)
                <textarea
                  value={note}
                  rows={3}
                  maxLength={MAX_SNAPSHOT_NOTE_LENGTH}
                  onChange={(event) => setNote(event.target.value)}
                  disabled={phase.kind === 'creating'}
                  placeholder="What happened, the ticket, who looked"
                  className={INPUT_CLASS}
                />
              </label>
              {phase.kind === 'creating' && (
                <p role="status" className="text-slate-600 dark:text-slate-300">
                  Freezing the window… this reads every trace of the window.
                </p>
              )}
              {phase.kind === 'editing' && phase.error && (
                <p role="alert" data-testid="snapshot-error" className="break-words text-red-800 dark:text-red-200">
                  Could not take the snapshot: {phase.error.message}
                </p>
              )}
              <div className="flex gap-2">
                <button type="submit" className={BUTTON_CLASS} disabled={phase.kind === 'creating' || title.trim() === ''}>
                  Create
                </button>
                <button type="button" className={BUTTON_CLASS} onClick={() => setOpen(false)} disabled={phase.kind === 'creating'}>
                  Cancel
                </button>
              </div>
            </>
          )}
        </form>
      )}
    </div>
  );
}
