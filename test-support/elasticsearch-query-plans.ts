import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import type { TraceQuery } from '@/lib/domain/query';
import type { TraceSetFields } from '@/lib/backends/elasticsearch/trace-set-filters';

/** Plans and a query for the request builders' golden tests. */
const BASE = {
  fields: sameInBothTiers(DEFAULT_FIELD_NAMES),
  edgeTraceId: { name: 'trace_id', isKeyword: true },
  ingressTraceId: { name: 'trace_id', isKeyword: true },
  edgeTimestamp: '@timestamp',
  ingressTimestamp: '@timestamp',
};

export const NUMERIC_PLAN: TraceSetFields = { ...BASE, edgeRequestTime: { kind: 'number', field: 'request_time' } };

export const KEYWORD_PLAN: TraceSetFields = {
  ...BASE,
  edgeRequestTime: {
    kind: 'keyword',
    field: 'request_time',
    values: [
      { value: '0.100', count: 5 },
      { value: '1.000', count: 2 },
      { value: '1.200', count: 1 },
      { value: '-', count: 1 },
    ],
  },
};

/** 2020-11-19T10:00:00Z to 11:00, app "shop", no path, latency from 1 s. */
export const QUERY: TraceQuery = { fromMs: 1_605_780_000_000, toMs: 1_605_783_600_000, app: 'shop', path: null, latencyMinMs: 1000, latencyMaxMs: null };

export const WINDOW_FILTERS = [
  { range: { '@timestamp': { gte: 1_605_780_000_000, lt: 1_605_783_600_000, format: 'epoch_millis' } } },
  { match_phrase: { app_name: 'shop' } },
];

export const TRACE_ID_PRESENT = [
  { exists: { field: 'trace_id' } },
  {
    bool: {
      must_not: [
        // Blank, or nginx's "-" with optional blanks around it.
        { regexp: { trace_id: { value: '[ \t\n\u000b\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*(\\-[ \t\n\u000b\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*)?' } } },
      ],
    },
  },
];
