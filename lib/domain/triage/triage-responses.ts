import type { AnswerNotice } from '../answer-notices';
import type { BackendKind, WithSample } from '../api-responses';
import type { NormalizedQuery } from '../query';
import type { Attribution } from './attribution';
import type { ConnectionReuse } from './connection-reuse';
import type { Correlations } from './correlations';
import type { Retransmissions } from './retransmission';
import type { WindowComparison, WindowSummary } from './window-comparison';

/** Response bodies of the triage endpoints (docs/API.md, docs/TRIAGE.md). */

/**
 * `notices`: what makes the answer incomplete (failed shards, an index pattern matching nothing,
 * lines without a readable time), as with the histograms; empty when it is complete.
 */
type WithQuery = { backend: BackendKind; query: NormalizedQuery; notices: AnswerNotice[] };

export type AttributionResponse = Attribution & WithSample & WithQuery;
export type CorrelationsResponse = Correlations & WithSample & WithQuery;
export type RetransmissionsResponse = Retransmissions & WithSample & WithQuery;
export type ConnectionReuseResponse = ConnectionReuse & WithSample & WithQuery;
export type WindowComparisonResponse = Omit<WindowComparison, 'base' | 'compare'> &
  WithQuery & { base: WindowSummary & WithSample; compare: WindowSummary & WithSample; compareQuery: NormalizedQuery };

/** The first screen in one answer: the three findings an on-call engineer reads first. */
export type TriageSummaryResponse = WithQuery & {
  /** The examined requests of attribution and correlations: edge request_time ≥ slowMs, and < slowMaxMs unless null. */
  slowMs: number;
  slowMaxMs: number | null;
  attribution: Attribution & WithSample;
  correlations: Correlations & WithSample;
  retransmissions: Retransmissions & WithSample;
  /** The sentences to lead with, most specific first: retransmission findings, the top flagged value, the attribution. */
  headlines: string[];
};
