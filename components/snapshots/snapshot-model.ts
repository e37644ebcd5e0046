import { REPEATABLE_QUERY_PARAMETERS } from '@/lib/domain/query';
import type { BackendKind } from '@/lib/domain/api-responses';
import type { CreateSnapshotBody, SnapshotDetail, SnapshotSummary } from '@/lib/domain/snapshot';
import { SNAPSHOT_KEY, toPermalinkState, toQuerySearchParams, type InvestigationState } from '@/lib/url-state';
import { formatCount } from '@/components/format';

/**
 * What the snapshot button, banner and list say and send, kept apart from the components so it
 * can be tested without a browser.
 */

/** "2020-11-19 02:00" from an ISO instant, in UTC (a title is shared across zones). */
function utcMinutes(iso: string): string {
  return new Date(Date.parse(iso)).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The title offered for a new snapshot: "Incident 2026-12-06 09:12–10:12 UTC", the date repeated
 * only when the window ends on another day. Minutes only: it names the window, the snapshot
 * itself holds the exact instants.
 */
export function defaultSnapshotTitle(window: { from: string; to: string }): string {
  const from = utcMinutes(window.from);
  const to = utcMinutes(window.to);
  return `Incident ${from}–${to.slice(0, 10) === from.slice(0, 10) ? to.slice(11) : to} UTC`;
}

/**
 * The body of `POST /api/v1/snapshots`: the view's shared query with its window pinned to the
 * instants the server resolved (a relative "now-1h" would mean another hour when reopened), the
 * filters as a list; never a snapshot id (a snapshot is taken of the live view).
 */
export function toCreateSnapshotBody(state: InvestigationState, resolved: { from: string; to: string }, title: string, note: string): CreateSnapshotBody {
  const params = toQuerySearchParams({ ...toPermalinkState(state, resolved).query, snapshot: undefined });
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    query[key] = (REPEATABLE_QUERY_PARAMETERS as readonly string[]).includes(key) ? params.getAll(key) : params.get(key)!;
  }
  return { query, title: title.trim(), note: note.trim() };
}

/** The link to share: the API's `/s/<id>` on this page's origin. */
export const toAbsoluteSnapshotUrl = (origin: string, url: string): string => new URL(url, origin).toString();

/**
 * The same page without the snapshot: the live data of the same view (its window may since have
 * left the store's retention, which the page will then say).
 */
export function toLiveHref(pathname: string, search: string): string {
  const params = new URLSearchParams(search);
  params.delete(SNAPSHOT_KEY);
  const text = params.toString();
  return `${pathname}${text ? `?${text}` : ''}`;
}

export const backendLabel = (kind: BackendKind): string => (kind === 'elasticsearch' ? 'Elasticsearch' : 'the embedded store');

/** "from Elasticsearch (edge-*, ingress-*)": where the frozen lines were read. */
export const frozenSourceText = (detail: Pick<SnapshotDetail, 'backend' | 'sources'>): string =>
  `${backendLabel(detail.backend)} (${detail.sources.edge}, ${detail.sources.ingress})`;

/** "All 412 traces keep their raw lines", or "20,000 of 412,000 traces keep their raw lines; the others …". */
export function rawTracesText(snapshot: Pick<SnapshotSummary, 'traces' | 'rawTraces'>): string {
  const { traces, rawTraces } = snapshot;
  if (traces === 0) return 'No traces in this window';
  if (traces === 1) return rawTraces >= 1 ? 'The one trace keeps its raw lines' : 'The one trace keeps only its normalized fields';
  if (rawTraces >= traces) return `All ${formatCount(traces)} traces keep their raw lines`;
  return `${formatCount(rawTraces)} of ${formatCount(traces)} traces keep their raw lines; the others show their normalized fields only`;
}

/** Size on disk in decimal megabytes ("12.3 MB"), as the issue's targets state them; small ones as "< 0.1 MB". */
export function formatMegabytes(bytes: number): string {
  if (bytes < 100_000) return '< 0.1 MB';
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
