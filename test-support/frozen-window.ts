import type { FrozenWindow } from '@/lib/backends/types';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';

/** What a stand-in backend's freezeWindow answers, for tests of the snapshot bookkeeping (not of the freeze itself). */
export const FROZEN_WINDOW: FrozenWindow = {
  traces: 9,
  rawTraces: 9,
  fields: sameInBothTiers(DEFAULT_FIELD_NAMES),
  formats: { edge: { format: 'json', missing: {}, unreadable: 'x' }, ingress: { format: 'json', missing: {}, unreadable: 'x' } },
  lineCounts: { edge: 12, ingress: 10 },
  unreadableLines: { edge: 0, ingress: 0 },
  sources: { edge: '/logs/edge.ndjson', ingress: '/logs/ingress.ndjson' },
};
