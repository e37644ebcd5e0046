import 'server-only';
import type { estypes } from '@elastic/elasticsearch';
import type { Tier } from '@/lib/domain/tiers';
import { parseTraceTuples, type TraceTuple } from './parse/parse-trace-tuples';
import type { CompositeAfterKey } from './requests/build-keyword-values-request';
import { buildTraceTuplesRequest, TRACE_TUPLES_PAGE_SIZE, type TupleSource } from './requests/build-trace-tuples-request';
import type { ElasticsearchSession } from './session';

/** Every distinct tuple of the matching documents, page after page. */
export async function fetchTraceTuples(
  session: ElasticsearchSession,
  tier: Tier,
  what: string,
  filters: estypes.QueryDslQueryContainer[],
  traceIdField: string,
  sources: readonly TupleSource[],
): Promise<TraceTuple[]> {
  const tuples: TraceTuple[] = [];
  let after: CompositeAfterKey | null = null;
  do {
    const page = parseTraceTuples(await session.search(tier, what, buildTraceTuplesRequest(filters, traceIdField, sources, after)), TRACE_TUPLES_PAGE_SIZE);
    tuples.push(...page.tuples);
    after = page.after;
  } while (after);
  return tuples;
}
