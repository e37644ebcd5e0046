import { slowTracesPagePath, type DatasetWindow } from './endpoints';
import { timedGet } from './http-timing';

export type SlowTracePages = { ms: number; pages: number; traceIds: string[] };

/** The largest drill-down page the API serves. */
export const SLOW_PAGE_LIMIT = 500;

type Page = { traces?: { traceId?: unknown }[]; nextCursor?: unknown };

/**
 * hopscope's answer for the baseline's traces: the edge drill-down from 1 s up, newest first (the
 * baseline's listing order), page after page until `count` traces, both tiers joined on every row.
 */
export async function fetchSlowTracePages(baseUrl: string, window: DatasetWindow, count: number): Promise<SlowTracePages> {
  const traceIds: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let ms = 0;
  while (traceIds.length < count) {
    const answer = await timedGet(baseUrl, slowTracesPagePath(window, Math.min(SLOW_PAGE_LIMIT, count - traceIds.length), cursor));
    ms += answer.ms;
    pages += 1;
    if (answer.status !== 200) throw new Error(`slow-trace page ${pages} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    const page = answer.body as Page;
    for (const trace of page.traces ?? []) if (typeof trace.traceId === 'string') traceIds.push(trace.traceId);
    if (typeof page.nextCursor !== 'string') break;
    cursor = page.nextCursor;
  }
  return { ms, pages, traceIds };
}
