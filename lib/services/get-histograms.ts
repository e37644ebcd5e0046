import 'server-only';
import type { LatencyBackend } from '@/lib/backends/types';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import type { HistogramsResponse } from '@/lib/domain/api-responses';
import { HISTOGRAM_NAMES, type HistogramName } from '@/lib/domain/histogram-names';
import { buildHistogram, type Histogram } from '@/lib/domain/histogram';
import { toParamRecord, type ParamsInput } from './parse-params';
import { resolveQueryOrThrow } from './resolve-query';

/** The four histograms of a query with the trace set's counts. */
export async function getHistograms(backend: LatencyBackend, input: ParamsInput, signal?: AbortSignal): Promise<HistogramsResponse> {
  const query = await resolveQueryOrThrow(backend, toParamRecord(input), signal);
  const notices: AnswerNotice[] = [];
  const result = await backend.fetchDistributions(query, { signal, onNotice: (notice) => void notices.push(notice) });
  const histograms = Object.fromEntries(
    HISTOGRAM_NAMES.map((name) => [name, buildHistogram(result.distributions[name], query.bucketMs, query.upperMs)]),
  ) as Record<HistogramName, Histogram>;
  return { backend: backend.kind, query, counts: result.counts, histograms, sample: null, notices };
}
