import Link from 'next/link';
import type { ReactNode } from 'react';
import type { TriageSection } from '@/lib/triage-url-state';

type TriagePanelFrameProps = {
  section: TriageSection;
  /** Whether the page's link points at this panel: it is outlined so the reader finds it. */
  selected: boolean;
  /** Link that reopens the page on this panel. */
  href: string;
  children: ReactNode;
};

/**
 * One addressable panel of the triage page: its anchor (the section name), a link to itself and
 * room for the panel's own loading, empty or error state, which never affects the other panels.
 */
export function TriagePanelFrame({ section, selected, href, children }: TriagePanelFrameProps) {
  return (
    <div
      id={section}
      data-testid={`section-${section}`}
      data-selected={selected || undefined}
      className={`relative flow-root scroll-mt-4 rounded-lg border p-3 ${
        selected ? 'border-sky-500 ring-2 ring-sky-500/40' : 'border-slate-200 dark:border-slate-700'
      }`}
    >
      <Link
        href={href}
        scroll={false}
        className="float-right ml-3 text-xs text-sky-700 underline-offset-2 hover:underline dark:text-sky-300"
        aria-label={`Link to the ${section.replace('-', ' ')} panel`}
      >
        # link
      </Link>
      {children}
    </div>
  );
}
