/**
 * Problems found in what Elasticsearch holds or answers, raised by pure modules and turned into
 * the API's `backend_error` at the boundary (session.ts).
 */

import type { Tier } from '@/lib/domain/tiers';

/** A mapping that cannot give exact answers; the message says what to change, the tier where. */
export class MappingError extends Error {
  constructor(
    message: string,
    readonly tier?: Tier,
  ) {
    super(message);
  }
}

/** An answer that cannot be used as it is (a missing aggregation, a partition that overflowed). */
export class UnexpectedAnswerError extends Error {}
