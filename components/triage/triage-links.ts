import { CORRELATION_FIELD_WORDS } from '@/lib/domain/triage/correlation-fields';
import type { FieldValueRef } from '@/lib/domain/triage/correlations';
import type { RetransmissionFinding } from '@/lib/domain/triage/retransmission';
import { formatDimensionFilter } from '@/lib/domain/dimension-filters';
import { toInvestigationHref, withDrill, withQuery, type InvestigationState } from '@/lib/url-state';

/**
 * The investigation page filtered to one value (or, with `exclude`, to every other value), built
 * from the current state (time range and other filters kept): app and path by their own
 * parameters, the other fields by a dimension filter added to the page's. Null for an exclude of
 * app or path, which have no exclude parameter.
 */
export function correlationFilterHref(state: InvestigationState, ref: FieldValueRef, exclude = false): string | null {
  const filter = CORRELATION_FIELD_WORDS[ref.field].filter;
  if ('param' in filter) return exclude ? null : toInvestigationHref(withQuery(state, { [filter.param]: ref.value }));
  const added = formatDimensionFilter({ field: filter.dimension, value: ref.value, exclude });
  const filters = state.query.filter ?? [];
  return toInvestigationHref(withQuery(state, { filter: filters.includes(added) ? filters : [...filters, added] }));
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
