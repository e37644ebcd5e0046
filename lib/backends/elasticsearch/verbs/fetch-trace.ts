import 'server-only';
import { compareRepresentative, toTierDocument, type TierDocument } from '@/lib/domain/tier-document';
import { toTraceDetail, type TraceDetail } from '@/lib/domain/trace';
import type { Tier } from '@/lib/domain/tiers';
import type { estypes } from '@elastic/elasticsearch';
import { termsFilter } from '../filters';
import { parseDocuments, type StoredDocument } from '../parse/parse-documents';
import { sourceAliasesOf, traceIdFieldOrThrow, type FieldPlan } from '../query-plan';
import { buildDocumentsRequest } from '../requests/build-documents-request';
import type { ElasticsearchSession } from '../session';

/** More lines than this for one trace in one tier are not read (a trace has one or two). */
export const MAX_DOCUMENTS_PER_TRACE = 1_000;

const byIndexAndId = (a: StoredDocument, b: StoredDocument): number =>
  a.index < b.index ? -1 : a.index > b.index ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * What finds a trace's lines: a term on the trace id as a keyword or a number; on a trace id mapped
 * as analyzed text only (no `.keyword`, which windows do not need: they read `_source`), a phrase
 * of its tokens. Null when no line can hold the id. Elasticsearch's match can be wider than the id
 * (an analyzer lowercases and splits, a keyword normalizer folds case, a number drops leading
 * zeros): the lines kept are those whose id, as read from `_source` like everywhere else, is the
 * one asked.
 */
function traceIdQuery(plan: FieldPlan, tier: Tier, traceId: string): estypes.QueryDslQueryContainer[] | null {
  const field = plan[tier].traceId;
  if (field.kind === 'text') return [{ match_phrase: { [field.name]: traceId } }];
  const traceIdField = traceIdFieldOrThrow(plan, tier);
  // A numeric trace_id mapping cannot hold a non-numeric id (and would refuse the query).
  if (!traceIdField.isKeyword && !/^-?\d+$/.test(traceId)) return null;
  return termsFilter(traceIdField.name, [traceId]);
}

/** A tier's valid lines of the trace, representative first (ties: index, then id). */
async function fetchTierDocuments(session: ElasticsearchSession, plan: FieldPlan, tier: Tier, traceId: string): Promise<TierDocument[]> {
  const filters = traceIdQuery(plan, tier, traceId);
  if (!filters) return [];
  const timeField = plan.fields[tier].timestamp;
  const request = buildDocumentsRequest(filters, MAX_DOCUMENTS_PER_TRACE, timeField);
  const { documents } = parseDocuments(await session.search(tier, `reading trace ${traceId}`, request), timeField);
  return documents
    .sort(byIndexAndId)
    .flatMap((stored) => {
      // The time Elasticsearch parsed by the mapping's format, as the windows' lines carry it.
      const result = toTierDocument(stored.source, tier, plan.fields[tier], stored.timestampMs, sourceAliasesOf(plan)[tier]);
      return result.ok && result.document.traceId === traceId ? [result.document] : [];
    })
    .sort(compareRepresentative);
}

/** Every line of one trace in both tiers, at any time; null when neither tier has a valid one. */
export async function fetchTrace(session: ElasticsearchSession, plan: FieldPlan, traceId: string): Promise<TraceDetail | null> {
  const [edge, ingress] = await Promise.all([
    fetchTierDocuments(session, plan, 'edge', traceId),
    fetchTierDocuments(session, plan, 'ingress', traceId),
  ]);
  if (edge.length === 0 && ingress.length === 0) return null;
  return toTraceDetail(traceId, edge[0] ?? null, ingress[0] ?? null, {
    edge: Math.max(0, edge.length - 1),
    ingress: Math.max(0, ingress.length - 1),
  });
}
