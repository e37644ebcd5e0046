import { formatCount } from './format';

/**
 * What an API answer says about a measurement: whether it counts (200), is a verb the backend
 * does not implement yet (502 backend_error "… not implemented …"), or failed; and a short note
 * with the facts a reader of the table needs (traces, rows, error).
 */

export type EndpointOutcome = 'ok' | 'not_implemented' | 'error';

type ErrorBody = { error?: { code?: unknown; message?: unknown } };

export function classifyAnswer(status: number, body: unknown): { outcome: EndpointOutcome; note: string | null } {
  if (status === 200) return { outcome: 'ok', note: null };
  const error = (body as ErrorBody | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : 'no error code';
  const message = typeof error?.message === 'string' ? error.message : '';
  if (status === 502 && code === 'backend_error' && /not implemented/i.test(message)) {
    return { outcome: 'not_implemented', note: message };
  }
  return { outcome: 'error', note: `${status} ${code}${message ? `: ${message}` : ''}` };
}

type HistogramsBody = { counts?: { edge?: unknown } };
type TracesBody = { traces?: unknown[]; nextCursor?: unknown };
type TimelineBody = { series?: unknown[] };

/** A one-line description of a successful answer, by endpoint group. */
export function describeAnswer(group: string, body: unknown): string | null {
  if (group === 'histograms') {
    const histograms = body as HistogramsBody;
    const traces = typeof histograms.counts?.edge === 'number' ? `${formatCount(histograms.counts.edge)} traces` : null;
    return traces ? `${traces}, exact` : null;
  }
  if (group === 'drill-down') {
    const page = body as TracesBody;
    return Array.isArray(page.traces) ? `${page.traces.length} rows${typeof page.nextCursor === 'string' ? ', more pages' : ', last page'}` : null;
  }
  if (group === 'timeline') {
    const timeline = body as TimelineBody;
    return Array.isArray(timeline.series) ? `${timeline.series.length} series` : null;
  }
  return null;
}
