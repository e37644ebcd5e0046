import type { LogicalField } from './field-names';
import type { Tier } from './tiers';

/**
 * Something the user must know about an answer that is still shown: Elasticsearch answered from
 * only part of the shards, a tier's index pattern matched no index, or a tier's lines lack a
 * field the answer needs or a time it can read. Carried in the API
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
  /**
   * A tier's lines cannot fill a field this answer needs (embedded store): `fix` is the nginx
   * variable to add to the log_format, or for JSON lines the field names to set.
   */
  | { code: 'missing_field'; tier: Tier; field: LogicalField; fix: string; message: string }
  /**
   * Lines of a tier whose time field holds no time hopscope reads (embedded store): they belong to
   * no window, so every answer leaves them out; `field` is the configured time field.
   */
  | { code: 'lines_without_time'; tier: Tier; field: string; lines: number; message: string }
  /** A snapshot kept only the normalized fields of a trace's lines in a tier, not their raw text. */
  | { code: 'raw_lines_not_kept'; tier: Tier; message: string };

/** Where a backend reports notices while it answers one call. */
export type NoticeSink = (notice: AnswerNotice) => void;

/**
 * The notices of one answer built from several store calls, each told once: calls over the same
 * lines tell the same ones. Of the failed-shards notices of a tier, the one counting the most.
 */
export function mergeNotices(notices: readonly AnswerNotice[]): AnswerNotice[] {
  const kept = new Map<string, AnswerNotice>();
  for (const notice of notices) {
    const key = `${notice.code}:${notice.tier}:${notice.code === 'missing_field' ? notice.field : ''}`;
    const held = kept.get(key);
    const failed = (candidate: AnswerNotice | undefined) => (candidate?.code === 'partial_shards' ? candidate.failedShards : 0);
    if (!held || failed(notice) > failed(held)) kept.set(key, notice);
  }
  return [...kept.values()];
}
