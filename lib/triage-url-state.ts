import { toIsoInstant } from '@/lib/domain/time-expression';
import {
  parseInvestigationState,
  toQuerySearchParams,
  toSearchParams,
  type InvestigationState,
  type SearchParamsInput,
} from '@/lib/url-state';

/**
 * The triage page's permalink: the investigation's state (same query, same view parameters, so
 * the way back restores the investigation exactly) plus the triage parameters. Like the query,
 * `slow`, `compareFrom` and `compareTo` stay as the text the user wrote; the services validate
 * them and a panel names the bad parameter. `section` falls back to none when unknown.
 */

/** The panels of the triage page, in page order; each is also the id of its anchor. */
export const TRIAGE_SECTIONS = ['attribution', 'correlations', 'retransmissions', 'connection-reuse', 'compare'] as const;
export type TriageSection = (typeof TRIAGE_SECTIONS)[number];

export type TriageView = {
  /** Slow threshold in seconds, as typed; null is the services' default (1 s). */
  slow: string | null;
  /** The panel the link points at, scrolled into view on open. */
  section: TriageSection | null;
  /** The compared window; null (either one) means the previous period of the same length. */
  compareFrom: string | null;
  compareTo: string | null;
};

export type TriageState = { investigation: InvestigationState; triage: TriageView };

export const DEFAULT_TRIAGE_VIEW: TriageView = { slow: null, section: null, compareFrom: null, compareTo: null };

export const TRIAGE_KEYS = ['slow', 'section', 'compareFrom', 'compareTo'] as const;

function read(input: SearchParamsInput, key: string): string | null {
  const value = input instanceof URLSearchParams ? input.get(key) : input[key];
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text ? text : null;
}

/** Reads the triage page's whole state from a URL's search parameters. */
export function parseTriageState(input: SearchParamsInput): TriageState {
  const section = read(input, 'section');
  return {
    investigation: parseInvestigationState(input),
    triage: {
      slow: read(input, 'slow'),
      section: (TRIAGE_SECTIONS as readonly string[]).includes(section ?? '') ? (section as TriageSection) : null,
      compareFrom: read(input, 'compareFrom'),
      compareTo: read(input, 'compareTo'),
    },
  };
}

/** The full state as search parameters: the investigation's, then the triage ones that are set. */
export function toTriageSearchParams(state: TriageState): URLSearchParams {
  const params = toSearchParams(state.investigation);
  for (const key of TRIAGE_KEYS) {
    const value = state.triage[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** Link to the triage page showing this state; the section also becomes the fragment so the browser scrolls to it. */
export function toTriageHref(state: TriageState): string {
  const text = toTriageSearchParams(state).toString();
  return `/triage${text ? `?${text}` : ''}${state.triage.section ? `#${state.triage.section}` : ''}`;
}

/** The triage page for an investigation state, with the default triage view. */
export function toTriageHrefFor(investigation: InvestigationState): string {
  return toTriageHref({ investigation, triage: DEFAULT_TRIAGE_VIEW });
}

export function withTriage(state: TriageState, patch: Partial<TriageView>): TriageState {
  return { ...state, triage: { ...state.triage, ...patch } };
}

/**
 * The compared window shown when the URL names none: the period of the same length just before
 * the base window, e.g. the hour before an incident hour.
 */
export function previousPeriod(resolved: { fromMs: number; toMs: number }): { compareFrom: string; compareTo: string } {
  const span = resolved.toMs - resolved.fromMs;
  return { compareFrom: toIsoInstant(resolved.fromMs - span), compareTo: toIsoInstant(resolved.fromMs) };
}

/**
 * The parameters the triage services receive: the shared query, the slow threshold and, when
 * given, the compared window. Not the snapshot: it chooses the backend the services are handed,
 * and the services refuse a parameter they do not know.
 */
export function toTriageServiceParams(
  state: TriageState,
  compare?: { compareFrom: string; compareTo: string },
): Record<string, string | readonly string[]> {
  const { filter, ...single } = state.investigation.query;
  const params: Record<string, string | readonly string[]> = Object.fromEntries(toQuerySearchParams({ ...single, snapshot: undefined }));
  if (filter && filter.length > 0) params.filter = filter;
  if (state.triage.slow) params.slow = state.triage.slow;
  if (compare) Object.assign(params, compare);
  return params;
}
