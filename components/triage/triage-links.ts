import { CORRELATION_FIELD_WORDS } from '@/lib/domain/triage/correlation-fields';
import type { FieldValueRef } from '@/lib/domain/triage/correlations';
import type { RetransmissionFinding } from '@/lib/domain/triage/retransmission';
import { formatDimensionFilter } from '@/lib/domain/dimension-filters';
import { toInvestigationHref, withDimensionFilter, withDrill, withQuery, type InvestigationState } from '@/lib/url-state';

/**
 * The investigation page filtered to one value (or, with `exclude`, to every other value), built
 * from the current state (time range and other filters kept): app and path by their own
 * parameters, the other fields by a dimension filter added to the page's. Null for an exclude of
 * app or path, which have no exclude parameter.
 */
export function correlationFilterHref(state: InvestigationState, ref: FieldValueRef, exclude = false): string | null {
  const filter = CORRELATION_FIELD_WORDS[ref.field].filter;
  if ('param' in filter) return exclude ? null : toInvestigationHref(withQuery(state, { [filter.param]: ref.value }));
  return toInvestigationHref(withDimensionFilter(state, { field: filter.dimension, value: ref.value, exclude }));
}

/**
 * Where a retransmission finding's requests can be seen: the investigation narrowed to the
 * dominant host or address when one carries the signal (a dimension filter on the hop's own tier,
 * the tier its connect times were measured on), its drill-down range when a histogram holds the
 * signal (edge − ingress for the edge→ingress hop) with the list in view (`#traces`), and the
 * hop's connect-time timeline grouped the same way.
 */
export function retransmissionFindingHref(state: InvestigationState, finding: RetransmissionFinding): string {
  const { tier, groupBy } = finding.timeline;
  const dominant = finding.dominant
    ? formatDimensionFilter({ field: `${tier}.${finding.dominant.groupBy}`, value: finding.dominant.value, exclude: false })
    : null;
  const filters = state.query.filter ?? [];
  const narrowed = dominant && !filters.includes(dominant) ? withQuery(state, { filter: [...filters, dominant] }) : state;
  const drilled = finding.drill ? withDrill(narrowed, finding.drill) : narrowed;
  const href = toInvestigationHref({ ...drilled, groupBy: { ...drilled.groupBy, [tier]: groupBy } });
  return finding.drill ? `${href}#traces` : href;
}
