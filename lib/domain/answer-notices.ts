import type { Tier } from './tiers';

/**
 * Something the user must know about an answer that is still shown: Elasticsearch answered from
 * only part of the shards, or a tier's index pattern matched no index. Carried in the API
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
  | { code: 'no_matching_index'; tier: Tier; indexPattern: string; message: string };

/** Where a backend reports notices while it answers one call. */
export type NoticeSink = (notice: AnswerNotice) => void;
