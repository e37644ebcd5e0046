import type { SlowRange } from '@/lib/domain/triage/slow-range';
import type { SqlStatement } from '../sql-statement';

/**
 * Whether a trace set row is examined ("slow"): its edge request_time in the SlowRange, as
 * `isInSlowRange` decides for the domain's accumulator. The bounds travel as parameters; without
 * an upper end the condition has none (parameters cannot be NULL here).
 */
export function buildSlowCondition(slow: SlowRange): SqlStatement {
  if (slow.maxMs === null) return { sql: 'e_rt_ms >= $slowMinMs::BIGINT', params: { slowMinMs: slow.minMs } };
  return {
    sql: '(e_rt_ms >= $slowMinMs::BIGINT AND e_rt_ms < $slowMaxMs::BIGINT)',
    params: { slowMinMs: slow.minMs, slowMaxMs: slow.maxMs },
  };
}
