import { CORRELATION_FIELD_WORDS } from '@/lib/domain/triage/correlation-fields';
import type { FieldValueRef } from '@/lib/domain/triage/correlations';
import type { RetransmissionFinding } from '@/lib/domain/triage/retransmission';
import { QUERY_KEYS, toInvestigationHref, withDrill, withQuery, type InvestigationState, type QueryKey } from '@/lib/url-state';

const isQueryKey = (param: string): param is QueryKey => (QUERY_KEYS as readonly string[]).includes(param);

/**
 * The investigation page filtered to one value, built from the current state (time range and
 * other filters kept). Null when the page's query has no parameter for that field yet (only app
 * and path today; docs/TRIAGE.md proposes the others), so no link pretends to filter.
 */
export function correlationFilterHref(state: InvestigationState, ref: FieldValueRef): string | null {
  const param = CORRELATION_FIELD_WORDS[ref.field].filterParam;
  if (!isQueryKey(param)) return null;
  return toInvestigationHref(withQuery(state, { [param]: ref.value }));
}

/**
 * Where a retransmission finding's requests can be seen: its drill-down range when a histogram
 * holds the signal (edge − ingress for the edge→ingress hop), and the hop's connect-time timeline
 * grouped by the dominant host or address.
 */
export function retransmissionFindingHref(state: InvestigationState, finding: RetransmissionFinding): string {
  const drilled = finding.drill ? withDrill(state, finding.drill) : state;
  return toInvestigationHref({ ...drilled, groupBy: { ...drilled.groupBy, [finding.timeline.tier]: finding.timeline.groupBy } });
}
