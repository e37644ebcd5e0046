import type { SegmentName } from '@/lib/domain/triage/segments';

/** One color per segment, the same in every triage panel; mid-tones that read on light and dark. */
export const SEGMENT_COLORS: Readonly<Record<SegmentName, string>> = {
  edgeOwn: '#94a3b8',
  edgeToIngress: '#f59e0b',
  ingressOwn: '#a855f7',
  ingressConnect: '#e11d48',
  app: '#0ea5e9',
};

/** The two windows of a comparison. */
export const WINDOW_COLORS = { base: '#0ea5e9', compare: '#f59e0b' } as const;
