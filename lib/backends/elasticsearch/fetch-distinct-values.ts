import 'server-only';
import type { estypes } from '@elastic/elasticsearch';
import type { Tier } from '@/lib/domain/tiers';
import { parseKeywordValues } from './parse/parse-keyword-values';
import { buildKeywordValuesRequest, KEYWORD_VALUES_PAGE_SIZE, type CompositeAfterKey } from './requests/build-keyword-values-request';
import type { ElasticsearchSession } from './session';
import type { KeywordValueCount } from './timing-values';

/**
 * Every distinct value of a field among the matching documents, with its count, page after page;
 * null as soon as there are more than `limit` of them.
 */
export async function fetchDistinctValues(
  session: ElasticsearchSession,
  tier: Tier,
  what: string,
  filters: estypes.QueryDslQueryContainer[],
  field: string,
  limit: number,
): Promise<KeywordValueCount[] | null> {
  const values: KeywordValueCount[] = [];
  let after: CompositeAfterKey | null = null;
  do {
    const page = parseKeywordValues(await session.search(tier, what, buildKeywordValuesRequest(filters, field, after)), KEYWORD_VALUES_PAGE_SIZE);
    values.push(...page.values);
    if (values.length > limit) return null;
    after = page.after;
  } while (after);
  return values;
}
