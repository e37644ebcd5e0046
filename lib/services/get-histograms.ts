import 'server-only';
import type { FirstAnswer, LatencyBackend } from '@/lib/backends/types';
import { sampleFirstParamsSchema } from '@/lib/domain/trace-id-sample';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import type { HistogramsResponse } from '@/lib/domain/api-responses';
import { HISTOGRAM_NAMES, type HistogramName } from '@/lib/domain/histogram-names';
import { buildHistogram, type Histogram } from '@/lib/domain/histogram';
import { readEndpointParams, type ParamsInput } from './parse-params';
import { resolveQueryOrThrow } from './resolve-query';

/** The four histograms of a query with the trace set's counts. */
export async function getHistograms(backend: LatencyBackend, input: ParamsInput, signal?: AbortSignal): Promise<HistogramsResponse> {
  const { record, own: { sample } } = readEndpointParams(input, sampleFirstParamsSchema);
  const query = await resolveQueryOrThrow(backend, record, signal);
  const notices: AnswerNotice[] = [];
  const firstAnswer: FirstAnswer | undefined = sample === 'first' ? { sample: null } : undefined;
  const result = await backend.fetchDistributions(query, { signal, onNotice: (notice) => void notices.push(notice), firstAnswer });
  const histograms = Object.fromEntries(
    HISTOGRAM_NAMES.map((name) => [name, buildHistogram(result.distributions[name], query.bucketMs, query.upperMs)]),
  ) as Record<HistogramName, Histogram>;
  return { backend: backend.kind, query, counts: result.counts, histograms, sample: firstAnswer?.sample ?? null, notices };
}
