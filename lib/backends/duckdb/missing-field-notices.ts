import type { AnswerNotice } from '@/lib/domain/answer-notices';
import type { LogicalField } from '@/lib/domain/field-names';
import type { Tier } from '@/lib/domain/tiers';
import type { TierFormat } from './connection';

const FIELD_USE: Partial<Record<LogicalField, string>> = {
  traceId: 'joins the two tiers',
  requestTime: 'times the request',
  upstreamConnectTime: 'times the connect to the upstream',
  upstreamResponseTime: 'times the upstream',
};

/**
 * One notice per field an answer needs that a tier's log_format cannot fill, naming the nginx
 * variable to add, so an empty chart says why instead of looking like a quiet system.
 */
export function toMissingFieldNotices(formats: Record<Tier, TierFormat>, needed: readonly (readonly [Tier, LogicalField])[]): AnswerNotice[] {
  return needed.flatMap(([tier, field]) => {
    const variable = formats[tier].missing[field];
    if (variable === undefined) return [];
    const use = FIELD_USE[field] ? ` (it ${FIELD_USE[field]})` : '';
    return [
      {
        code: 'missing_field' as const,
        tier,
        field,
        variable,
        message: `The ${tier} log_format has no ${field}${use}: add ${variable} to the log_format of the ${tier} nginx.`,
      },
    ];
  });
}
