import type { LogicalField } from './field-names';
import type { Tier } from './tiers';

/**
 * Something the user must know about an answer that is still shown: Elasticsearch answered from
 * only part of the shards, a tier's index pattern matched no index, or a tier's log_format lacks
 * a variable the answer needs. Carried in the API
 * responses (`notices`) and rendered above the answer; an empty list means a complete answer.
 */
export type AnswerNotice =
  | {
      code: 'partial_shards';
      tier: Tier;
      indexPattern: string;
      /** The most shards that failed in any one request of the answer, out of that request's total. */
      failedShards: number;
      totalShards: number;
      message: string;
    }
  | { code: 'no_matching_index'; tier: Tier; indexPattern: string; message: string }
  /** A tier's raw log format has no variable for a field this answer needs (embedded store). */
  | { code: 'missing_field'; tier: Tier; field: LogicalField; variable: string; message: string };

/** Where a backend reports notices while it answers one call. */
export type NoticeSink = (notice: AnswerNotice) => void;
