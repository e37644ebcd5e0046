import type { DatasetWindow } from './endpoints';
import { investigationPathQuery } from './endpoints';
import { timedGet } from './http-timing';
import { loadPollDelayMs } from '@/lib/domain/load-status';
import type { SampleStatement } from '@/lib/domain/trace-id-sample';

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
  /** The four histograms' first answer, asked with sample=first as the page asks: a sample's, or exact. */
  firstHistogramsMs: number;
  /** The triage summary's first answer (sample=first, asked once the histograms answered, as the page asks it). */
  firstSummaryMs: number;
  /** What the first answers' sample was; null when they were exact. */
  sample: SampleStatement | null;
  /** The four histograms exact: the whole window read and its trace table built (asked again as soon as a sampled answer came, as the page does). */
  histogramsMs: number;
  /** The triage summary exact. */
  summaryMs: number;
  /** Lines the window's read counted (the progress estimate), when a poll saw it. */
  linesEstimated: number | null;
};

type LoadingBody = { loading?: { linesEstimated?: number | null } | null; message?: string | null };

/**
 * Asks what the page asks first, in its order (the edge histogram; the four histograms; the verdict
 * once those answered; the last two with sample=first), asks the exact answers as soon as sampled
 * ones come, and polls the read's progress meanwhile as the page does (loadPollDelayMs: every
 * 100 ms until a poll reports the read, then every second), so its polls load the server as a
 * page's do.
 */
export async function measureColdWindow(baseUrl: string, window: DatasetWindow): Promise<ColdWindowResult> {
  const query = investigationPathQuery(window);
  const started = performance.now();
  const since = () => performance.now() - started;
  const answered = async (path: string) => {
    const answer = await timedGet(baseUrl, path);
    if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    return { ms: since(), body: answer.body };
  };
  /** A first answer (sample=first), then, when it was a sample's, the exact answer asked at once. */
  const firstThenExact = async (path: string, sampleOf: (body: unknown) => SampleStatement | null, onFirst?: () => void) => {
    const first = await answered(`${path}&sample=first`);
    onFirst?.();
    const sample = sampleOf(first.body);
    const exactMs = sample ? (await answered(path)).ms : first.ms;
    return { firstMs: first.ms, sample, exactMs };
  };
  let done = false;
  let progressMs: number | null = null;
  let progressText: string | null = null;
  let linesEstimated: number | null = null;
  const polling = (async () => {
    for (let pollsDone = 1; !done; pollsDone += 1) {
      const poll = await timedGet(baseUrl, '/api/v1/health/loading');
      const body = poll.body as LoadingBody;
      if (body?.loading && progressMs === null) {
        progressMs = since();
        progressText = body.message ?? null;
      }
      if (body?.loading?.linesEstimated) linesEstimated = body.loading.linesEstimated;
      await new Promise((resolve) => setTimeout(resolve, loadPollDelayMs(pollsDone, progressMs !== null)));
    }
  })();
  try {
    // In the page's order (app/page.tsx): the edge histogram alone, then the four histograms,
    // then, once those have answered, the verdict (the first screen's other requests wait too).
    const edge = await answered(`/api/v1/histograms/edge?${query}`);
    let summary: Promise<{ firstMs: number; sample: SampleStatement | null; exactMs: number }> | null = null;
    const histograms = await firstThenExact(`/api/v1/histograms?${query}`, (body) => (body as { sample?: SampleStatement | null }).sample ?? null, () => {
      summary = firstThenExact(`/api/v1/triage/summary?${query}`, (body) => (body as { attribution?: { sample?: SampleStatement | null } }).attribution?.sample ?? null);
    });
    const verdict = await summary!;
    return {
      edgeMs: edge.ms,
      progressMs,
      progressText,
      firstHistogramsMs: histograms.firstMs,
      firstSummaryMs: verdict.firstMs,
      sample: histograms.sample,
      histogramsMs: histograms.exactMs,
      summaryMs: verdict.exactMs,
      linesEstimated,
    };
  } finally {
    done = true;
    await polling;
  }
}
