/**
 * A digest of DuckDB's JSON query profile (`enable_profiling = 'json'`): the query's latency and
 * CPU time, and the operators that took the most time, with their output rows and what they work
 * on. Pure, so it is tested on a recorded profile.
 */

type ProfileNode = {
  operator_name?: unknown;
  operator_timing?: unknown;
  operator_cardinality?: unknown;
  extra_info?: Record<string, unknown>;
  children?: ProfileNode[];
  latency?: unknown;
  cpu_time?: unknown;
};

export type OperatorTime = { name: string; ms: number; rows: number; detail: string };

const DETAIL_KEYS = ['Table', 'Join Type', 'Conditions', 'Groups', 'Aggregates', 'Function', 'CTE Name', 'Order By', 'Filters'];

function detailOf(extra: Record<string, unknown> | undefined): string {
  if (!extra) return '';
  const parts = DETAIL_KEYS.flatMap((key) => {
    const value = extra[key];
    if (value === undefined || value === '') return [];
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    return [`${key}: ${text.replace(/\s+/g, ' ').slice(0, 90)}`];
  });
  return parts.join('; ');
}

/** Every operator of the plan, slowest first. */
export function operatorTimes(profile: unknown): OperatorTime[] {
  const operators: OperatorTime[] = [];
  const walk = (node: ProfileNode) => {
    if (typeof node.operator_name === 'string' && node.operator_name !== '') {
      operators.push({
        name: node.operator_name,
        ms: Number(node.operator_timing ?? 0) * 1000,
        rows: Number(node.operator_cardinality ?? 0),
        detail: detailOf(node.extra_info),
      });
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(profile as ProfileNode);
  return operators.sort((a, b) => b.ms - a.ms);
}

/** Latency and CPU time of the query (milliseconds) and its `top` slowest operators, as text lines. */
export function digestDuckdbProfile(profile: unknown, top = 6): { latencyMs: number; cpuMs: number; lines: string[] } {
  const root = profile as ProfileNode;
  const latencyMs = Number(root.latency ?? 0) * 1000;
  const cpuMs = Number(root.cpu_time ?? 0) * 1000;
  const operators = operatorTimes(profile);
  const operatorTotal = operators.reduce((sum, operator) => sum + operator.ms, 0);
  const lines = operators.slice(0, top).map((operator) => {
    const share = operatorTotal > 0 ? ` (${Math.round((100 * operator.ms) / operatorTotal)} %)` : '';
    return `${operator.ms.toFixed(1).padStart(8)} ms${share.padEnd(7)} ${operator.name}, ${operator.rows.toLocaleString('en-US')} rows${operator.detail ? ` · ${operator.detail}` : ''}`;
  });
  return { latencyMs, cpuMs, lines };
}
