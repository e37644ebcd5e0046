'use client';

import { useEffect } from 'react';
import type { TriageSection } from '@/lib/triage-url-state';

/**
 * Scrolls a pasted `section=` link to its panel. The browser does it alone when the URL carries
 * the fragment too; this covers links shared without it (chat clients often drop fragments).
 */
export function ScrollToSection({ section }: { section: TriageSection | null }) {
  useEffect(() => {
    if (!section || window.location.hash) return;
    document.getElementById(section)?.scrollIntoView({ block: 'start' });
  }, [section]);
  return null;
}
