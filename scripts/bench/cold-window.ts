import type { DatasetWindow } from './endpoints';
import { investigationPathQuery } from './endpoints';
import { timedGet } from './http-timing';

/**
 * A cold Elasticsearch window, as the first user of a permalink meets it (issue 13): the server
 * has just started with an empty slice cache, and the page's first requests go out at once.
 */
export type ColdWindowResult = {
  /** The edge histogram's answer (the first bar; answered by Elasticsearch directly). */
  edgeMs: number;
  /** First poll of /api/v1/health/loading that reported the read under way; null if none did. */
  progressMs: number | null;
  /** That poll's message, e.g. "loading 0.2 M of ~2.0 M lines". */
  progressText: string | null;
  /** The four histograms: the whole window read and its trace table built (exact). */
  histogramsMs: number;
  /** The triage summary asked at the same moment. */
  summaryMs: number;
  /** Lines the window's read counted (the progress estimate), when a poll saw it. */
  linesEstimated: number | null;
};

const POLL_MS = 100;

type LoadingBody = { loading?: { linesEstimated?: number | null } | null; message?: string | null };

/** Asks what the page asks first, all at once, and polls the read's progress until the histograms answer. */
export async function measureColdWindow(baseUrl: string, window: DatasetWindow): Promise<ColdWindowResult> {
  const query = investigationPathQuery(window);
  const started = performance.now();
  const since = () => performance.now() - started;
  const answered = async (path: string) => {
    const answer = await timedGet(baseUrl, path);
    if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    return since();
  };
  let done = false;
  let progressMs: number | null = null;
  let progressText: string | null = null;
  let linesEstimated: number | null = null;
  const polling = (async () => {
    while (!done) {
      const poll = await timedGet(baseUrl, '/api/v1/health/loading');
      const body = poll.body as LoadingBody;
      if (body?.loading && progressMs === null) {
        progressMs = since();
        progressText = body.message ?? null;
      }
      if (body?.loading?.linesEstimated) linesEstimated = body.loading.linesEstimated;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })();
  try {
    const [edgeMs, histogramsMs, summaryMs] = await Promise.all([
      answered(`/api/v1/histograms/edge?${query}`),
      answered(`/api/v1/histograms?${query}`),
      answered(`/api/v1/triage/summary?${query}`),
    ]);
    return { edgeMs, progressMs, progressText, histogramsMs, summaryMs, linesEstimated };
  } finally {
    done = true;
    await polling;
  }
}
