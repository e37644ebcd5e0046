import 'server-only';
import type { Suggestion, SuggestionField } from '@/lib/backends/types';
import type { TraceQuery } from '@/lib/domain/query';
import { matchPhraseFilter, timeRangeFilter } from '../filters';
import { parseSuggestions } from '../parse/parse-suggestions';
import { groupFieldOrThrow, timestampFieldOrThrow, type FieldPlan } from '../query-plan';
import { buildSuggestionsRequest } from '../requests/build-suggestions-request';
import type { ElasticsearchSession } from '../session';

/** Frequent app_name or path values of the window's edge lines, under the other field's filter only. */
export async function fetchSuggestions(
  session: ElasticsearchSession,
  plan: FieldPlan,
  query: TraceQuery,
  field: SuggestionField,
  prefix: string | null,
  limit: number,
): Promise<Suggestion[]> {
  const suggested = groupFieldOrThrow(plan, 'edge', field === 'app' ? 'appName' : 'path');
  const filters = [
    ...timeRangeFilter(timestampFieldOrThrow(plan, 'edge'), query.fromMs, query.toMs),
    ...(field === 'app' ? matchPhraseFilter(plan.fields.edge.path, query.path) : matchPhraseFilter(plan.fields.edge.appName, query.app)),
  ];
  const request = buildSuggestionsRequest(filters, suggested.name, prefix, limit);
  return parseSuggestions(await session.search('edge', `suggesting ${field} values`, request));
}
