'use client';

import { useState } from 'react';
import { BUTTON_CLASS } from '@/components/filters/field-styles';
import { useHydrated } from '@/components/use-hydrated';

type RawDocumentProps = { title: string; document: Record<string, unknown>; testId: string };

/** A tier's document exactly as stored, pretty-printed, with a copy button. */
export function RawDocument({ title, document, testId }: RawDocumentProps) {
  const json = JSON.stringify(document, null, 2);
  const [status, setStatus] = useState<string | null>(null);
  const hydrated = useHydrated();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(json);
      setStatus('Copied');
    } catch {
      setStatus('Copy failed: select the text instead');
    }
  };
  return (
    <section className="min-w-0 space-y-1" aria-label={title} data-hydrated={hydrated}>
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">{title}</h3>
        <span className="flex items-center gap-2">
          {status && (
            <span role="status" className="text-xs text-slate-600 dark:text-slate-300">
              {status}
            </span>
          )}
          <button type="button" className={BUTTON_CLASS} onClick={copy} aria-label={`Copy ${title}`}>
            Copy JSON
          </button>
        </span>
      </div>
      <pre
        data-testid={testId}
        tabIndex={0}
        className="max-h-96 overflow-auto rounded-lg border border-slate-200 bg-slate-50 p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
      >
        {json}
      </pre>
    </section>
  );
}
