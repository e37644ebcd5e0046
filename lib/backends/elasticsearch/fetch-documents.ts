import 'server-only';
import type { estypes } from '@elastic/elasticsearch';
import type { FieldNames } from '@/lib/domain/field-names';
import { toTierDocument } from '@/lib/domain/tier-document';
import type { Tier } from '@/lib/domain/tiers';
import { termsFilter } from './filters';
import { parseDocuments, type StoredDocument } from './parse/parse-documents';
import { buildDocumentsRequest, MAX_HITS_PER_REQUEST } from './requests/build-documents-request';
import { pickRepresentative, type TierTrace } from './representatives';
import type { ElasticsearchSession } from './session';

/**
 * Whole documents of some traces. Asked in one request when they fit in one answer (10,000
 * hits); otherwise the trace list is halved until they do.
 */
export async function fetchDocumentsOfTraces(
  session: ElasticsearchSession,
  tier: Tier,
  what: string,
  filters: estypes.QueryDslQueryContainer[],
  traceIdField: string,
  traceIds: readonly string[],
): Promise<StoredDocument[]> {
  if (traceIds.length === 0) return [];
  const request = buildDocumentsRequest([...filters, ...termsFilter(traceIdField, traceIds)], MAX_HITS_PER_REQUEST);
  const page = parseDocuments(await session.search(tier, what, request));
  if (page.total <= page.documents.length || traceIds.length === 1) return page.documents;
  const middle = Math.ceil(traceIds.length / 2);
  const [first, second] = await Promise.all([
    fetchDocumentsOfTraces(session, tier, what, filters, traceIdField, traceIds.slice(0, middle)),
    fetchDocumentsOfTraces(session, tier, what, filters, traceIdField, traceIds.slice(middle)),
  ]);
  return [...first, ...second];
}

/** Documents grouped by trace as the domain reads them. */
export function groupDocumentsByTrace(documents: readonly StoredDocument[], tier: Tier, fields: FieldNames): Map<string, TierTrace> {
  const traces = new Map<string, TierTrace>();
  for (const stored of documents) {
    const result = toTierDocument(stored.source, tier, fields);
    if (!result.ok) continue;
    const trace = traces.get(result.document.traceId) ?? { valid: [], invalid: [] };
    trace.valid.push({ document: result.document, count: 1 });
    traces.set(result.document.traceId, trace);
  }
  return traces;
}

/** The representative document of each trace. */
export function toRepresentatives(traces: ReadonlyMap<string, TierTrace>) {
  const representatives = new Map<string, NonNullable<ReturnType<typeof pickRepresentative>>>();
  for (const [traceId, trace] of traces) {
    const representative = pickRepresentative(trace.valid);
    if (representative) representatives.set(traceId, representative);
  }
  return representatives;
}
