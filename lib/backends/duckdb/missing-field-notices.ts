import type { AnswerNotice } from '@/lib/domain/answer-notices';
import type { LogicalField, TierFieldNames } from '@/lib/domain/field-names';
import type { Tier } from '@/lib/domain/tiers';
import type { TierFormat } from './load-tier';

const FIELD_USE: Partial<Record<LogicalField, string>> = {
  timestamp: 'places the line in time',
  traceId: 'joins the two tiers',
  requestTime: 'times the request',
  upstreamConnectTime: 'times the connect to the upstream',
  upstreamResponseTime: 'times the upstream',
};

/**
 * One notice per field an answer needs that a tier's lines cannot fill, saying what to do (the
 * nginx variable to add, or the field names variable's mapping for JSON lines), so an empty chart says
 * why instead of looking like a quiet system.
 */
export function toMissingFieldNotices(
  formats: Record<Tier, TierFormat>,
  fields: TierFieldNames,
  needed: readonly (readonly [Tier, LogicalField])[],
): AnswerNotice[] {
  return needed.flatMap(([tier, field]) => {
    const fix = formats[tier].missing[field];
    if (fix === undefined) return [];
    const use = FIELD_USE[field] ? ` (it ${FIELD_USE[field]})` : '';
    const message =
      formats[tier].format === 'json'
        ? `The ${tier} lines have no field ${fields[tier][field]}${use}: ${fix}.`
        : `The ${tier} log_format has no ${field}${use}: add ${fix} to the log_format of the ${tier} nginx.`;
    return [{ code: 'missing_field' as const, tier, field, fix, message }];
  });
}

/**
 * One notice per tier with lines whose time field holds no time hopscope reads (an unparsed date
 * format, a number of micro- or nanoseconds): they are in no window, and without a word every
 * answer would look complete.
 */
export function toUntimedLineNotices(untimedLines: Record<Tier, number>, fields: TierFieldNames): AnswerNotice[] {
  return (['edge', 'ingress'] as const).flatMap((tier) => {
    const lines = untimedLines[tier];
    if (lines === 0) return [];
    const message =
      `${lines.toLocaleString('en-US')} ${tier} ${lines === 1 ? 'line carries' : 'lines carry'} no time hopscope can read in ${fields[tier].timestamp} ` +
      "(ISO-8601, nginx's $time_local or $msec, epoch seconds or milliseconds): they are in no window, so every answer leaves them out.";
    return [{ code: 'lines_without_time' as const, tier, field: fields[tier].timestamp, lines, message }];
  });
}
