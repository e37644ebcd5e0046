/**
 * Time expressions accepted in URLs: ISO-8601 instants with an explicit offset
 * ("2020-11-19T10:00:00+08:00", "…Z") or relative ones ("now", "now-15m", "now-1h", "now-7d").
 */

const RELATIVE = /^now(?:-(\d{1,6})([smhdw]))?$/;
/** Date and time (seconds and fraction optional) with a mandatory zone: no ambiguous local times. */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function isRelativeTime(text: string): boolean {
  return RELATIVE.test(text);
}

/** Resolves a time expression against `nowMs`; null when the text is not a valid expression. */
export function parseTimeExpression(text: string, nowMs: number): number | null {
  const relative = RELATIVE.exec(text);
  if (relative) {
    const [, amount, unit] = relative;
    return amount && unit ? nowMs - Number(amount) * UNIT_MS[unit]! : nowMs;
  }
  const iso = ISO_WITH_OFFSET.exec(text);
  if (!iso) return null;
  // Date.parse rolls days past the month's end over (2020-02-30 → 2020-03-01) instead of refusing them.
  const [, year, month, day] = iso;
  if (Number(day) > new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate()) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/** Epoch milliseconds as an ISO-8601 UTC instant with milliseconds. */
export function toIsoInstant(ms: number): string {
  return new Date(ms).toISOString();
}
