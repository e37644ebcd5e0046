import { MAX_TIME_MS } from '@/lib/domain/nginx-value';

/**
 * SQL macros that normalize raw log documents inside DuckDB, mirroring lib/domain exactly:
 * `parseNginxTime` (hs_time), `toTraceId` (hs_trace_id), `toTimestampMs` (hs_timestamp_ms) and
 * the text normalization of `toTierDocument` (hs_text, hs_list_text). The parity tests hold the
 * two to the same answers; change both together.
 *
 * Each takes a JSON value as two arguments, its `json_type` (NULL when the field is absent) and its
 * text as `json_extract_string` gives it (a string unquoted, any other value as JSON), both read
 * for every field in one pass over the document (build-load.ts): a macro is inlined wherever it
 * is called, so one taking the JSON value re-parsed it at each `->>` and `json_type`, and that
 * was most of the normalization's time.
 */

const token = `{'ms': NULL::BIGINT, 'reason': NULL::VARCHAR}`;
const reasonOnly = (reason: string) => `{'ms': NULL::BIGINT, 'reason': '${reason}'}`;

export const MACRO_STATEMENTS: readonly string[] = [
  `CREATE OR REPLACE MACRO hs_decimal_ms(tok) AS
    (CASE WHEN split_part(tok, '.', 1) = '' THEN 0 ELSE split_part(tok, '.', 1)::BIGINT END) * 1000
    + substr(rpad(split_part(tok, '.', 2), 4, '0'), 1, 3)::BIGINT
    + CASE WHEN substr(rpad(split_part(tok, '.', 2), 4, '0'), 4, 1) >= '5' THEN 1 ELSE 0 END`,
  // One decimal-seconds token ("0.004", "-") to milliseconds: integer part × 1000 plus the first
  // three decimals, rounded half up on the fourth; no floating point.
  `CREATE OR REPLACE MACRO hs_decimal_token(tok) AS
    CASE
      WHEN tok = '-' THEN ${token}
      WHEN regexp_full_match(tok, '\\d+(\\.\\d+)?') THEN
        CASE
          WHEN length(ltrim(split_part(tok, '.', 1), '0')) > 6 THEN ${reasonOnly('out-of-range')}
          WHEN hs_decimal_ms(tok) > ${MAX_TIME_MS} THEN ${reasonOnly('out-of-range')}
          ELSE {'ms': hs_decimal_ms(tok), 'reason': NULL::VARCHAR}
        END
      WHEN regexp_matches(tok, '^-\\d') THEN ${reasonOnly('negative')}
      ELSE ${reasonOnly('unparsable')}
    END`,
  // A JSON number of seconds, rounded to the nearest millisecond (float32 values included).
  `CREATE OR REPLACE MACRO hs_number_token(x) AS
    CASE
      WHEN x < 0 THEN ${reasonOnly('negative')}
      WHEN round(x * 1000) > ${MAX_TIME_MS} THEN ${reasonOnly('out-of-range')}
      ELSE {'ms': round(x * 1000)::BIGINT, 'reason': NULL::VARCHAR}
    END`,
  // A JSON scalar (its json_type and its text, as json_extract_string gives it) to its attempts: strings are split on ", " and " : ".
  `CREATE OR REPLACE MACRO hs_scalar_tokens(t, s) AS
    CASE
      WHEN t = 'NULL' THEN []::STRUCT(ms BIGINT, reason VARCHAR)[]
      WHEN t = 'VARCHAR' THEN
        CASE
          WHEN trim(s) IN ('', '-') THEN [${token}]
          ELSE list_transform(regexp_split_to_array(trim(s), '\\s*,\\s*|\\s*:\\s*'), x -> hs_decimal_token(x))
        END
      WHEN t IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN [hs_number_token(s::DOUBLE)]
      ELSE [${reasonOnly('unparsable')}]
    END`,
  // An array's elements are JSON values: each parsed once for its type and text.
  `CREATE OR REPLACE MACRO hs_element_tokens(e) AS
    CASE WHEN json_type(e) = 'ARRAY' THEN [${reasonOnly('unparsable')}] ELSE hs_scalar_tokens(json_type(e), json_extract_string(e, '$')) END`,
  `CREATE OR REPLACE MACRO hs_time_tokens(t, s) AS
    CASE
      WHEN t IS NULL THEN []::STRUCT(ms BIGINT, reason VARCHAR)[]
      WHEN t = 'ARRAY' THEN flatten(list_transform(CAST(s::JSON AS JSON[]), e -> hs_element_tokens(e)))
      ELSE hs_scalar_tokens(t, s)
    END`,
  // {total, state}: state is 'ok', 'missing' (no attempt has a value) or the first invalid reason.
  // The tokens are computed once, as a lambda's argument: a macro's argument is copied wherever it is used.
  `CREATE OR REPLACE MACRO hs_time_of_tokens(tokens) AS
    list_transform([tokens], ts ->
      CASE
        WHEN len(list_filter(ts, x -> x.reason IS NOT NULL)) > 0
          THEN {'total': NULL::BIGINT, 'state': list_filter(ts, x -> x.reason IS NOT NULL)[1].reason}
        WHEN list_sum(list_transform(ts, x -> x.ms)) IS NULL THEN {'total': NULL::BIGINT, 'state': 'missing'}
        WHEN list_sum(list_transform(ts, x -> x.ms)) > ${MAX_TIME_MS} THEN {'total': NULL::BIGINT, 'state': 'out-of-range'}
        ELSE {'total': list_sum(list_transform(ts, x -> x.ms))::BIGINT, 'state': 'ok'}
      END)[1]`,
  // Fast paths for the two shapes nearly every line has ("0.004" and a JSON number); the general
  // token path gives the same answer for them, only slower.
  `CREATE OR REPLACE MACRO hs_time(t, s) AS
    CASE
      WHEN t = 'VARCHAR' AND regexp_full_match(s, '\\d{1,6}\\.\\d{3}')
        THEN {'total': replace(s, '.', '')::BIGINT, 'state': 'ok'}
      WHEN t IN ('BIGINT', 'UBIGINT', 'DOUBLE') AND s::DOUBLE >= 0 AND round(s::DOUBLE * 1000) <= ${MAX_TIME_MS}
        THEN {'total': round(s::DOUBLE * 1000)::BIGINT, 'state': 'ok'}
      ELSE hs_time_of_tokens(hs_time_tokens(t, s))
    END`,
  `CREATE OR REPLACE MACRO hs_scalar_trace_id(t, s) AS
    CASE
      WHEN t = 'VARCHAR' AND trim(s) IN ('', '-') THEN NULL
      WHEN t IN ('VARCHAR', 'BIGINT', 'UBIGINT', 'DOUBLE') THEN s
      ELSE NULL
    END`,
  // A list is one id when every item is that same id (no item without one), else none.
  `CREATE OR REPLACE MACRO hs_list_trace_id(ids) AS
    CASE WHEN len(ids) > 0 AND list_count(ids) = len(ids) AND len(list_distinct(ids)) = 1 THEN ids[1] END`,
  `CREATE OR REPLACE MACRO hs_trace_id(t, s) AS
    CASE
      WHEN t = 'ARRAY' THEN hs_list_trace_id(list_transform(CAST(s::JSON AS JSON[]), e -> hs_scalar_trace_id(json_type(e), json_extract_string(e, '$'))))
      ELSE hs_scalar_trace_id(t, s)
    END`,
  // ISO-8601 date-time (zone-less means UTC, sub-millisecond digits truncated), nginx's $time_local, or an epoch number (hs_epoch_ms).
  // The common shapes are cast directly; others are rebuilt into a canonical form first.
  `CREATE OR REPLACE MACRO hs_timestamp_parts(s) AS
    regexp_extract(trim(s), '^(\\d{4}-\\d{2}-\\d{2})(?:[Tt ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?))?\\s*([Zz]|[+-]\\d{2}(?::?\\d{2})?)?$',
      ['date', 'time', 'zone'])`,
  `CREATE OR REPLACE MACRO hs_canonical_timestamp(m) AS
    CASE WHEN m.date = '' THEN NULL ELSE
      m.date || 'T' || CASE WHEN m.time = '' THEN '00:00:00' WHEN length(m.time) = 5 THEN m.time || ':00'
                            ELSE regexp_replace(m.time, '\\.(\\d{1,3})\\d*$', '.\\1') END
      || CASE
           WHEN m.zone = '' OR upper(m.zone) = 'Z' THEN '+00:00'
           WHEN length(m.zone) = 3 THEN m.zone || ':00'
           WHEN contains(m.zone, ':') THEN m.zone
           ELSE substr(m.zone, 1, 3) || ':' || substr(m.zone, 4)
         END
    END`,
  // An epoch number's text: seconds with a fraction (9 to 11 digits, nginx's $msec) or
  // milliseconds (12 to 14 digits), read from its digits; any other number is no time.
  `CREATE OR REPLACE MACRO hs_epoch_parts(s) AS
    regexp_extract(s, '^0*(\\d+?)(?:\\.(\\d+))?$', ['whole', 'fraction'])`,
  `CREATE OR REPLACE MACRO hs_epoch_ms(p) AS
    CASE
      WHEN length(p.whole) BETWEEN 9 AND 11 THEN p.whole::BIGINT * 1000 + rpad(substr(p.fraction, 1, 3), 3, '0')::BIGINT
      WHEN length(p.whole) BETWEEN 12 AND 14 THEN p.whole::BIGINT
    END`,
  `CREATE OR REPLACE MACRO hs_timestamp_ms(t, s) AS
    CASE
      WHEN t IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN hs_epoch_ms(hs_epoch_parts(s))
      WHEN t <> 'VARCHAR' THEN NULL
      WHEN regexp_full_match(s, '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?(Z|[+-]\\d{2}:\\d{2})')
        THEN epoch_ms(TRY_CAST(s AS TIMESTAMPTZ))
      WHEN regexp_full_match(trim(s), '\\d{2}/[A-Za-z]{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}')
        THEN epoch_ms(try_strptime(trim(s), '%d/%b/%Y:%H:%M:%S %z'))
      WHEN regexp_full_match(trim(s), '\\d+(\\.\\d+)?') THEN hs_epoch_ms(hs_epoch_parts(trim(s)))
      ELSE epoch_ms(TRY_CAST(hs_canonical_timestamp(hs_timestamp_parts(s)) AS TIMESTAMPTZ))
    END`,
  // Text fields: trimmed, "" and "-" are no value; arrays print as nginx lists.
  `CREATE OR REPLACE MACRO hs_list_items(t, s) AS
    CASE
      WHEN t IS NULL OR t = 'NULL' THEN []::VARCHAR[]
      WHEN t = 'ARRAY' THEN flatten(list_transform(CAST(s::JSON AS JSON[]), e -> hs_scalar_list_items(json_type(e), json_extract_string(e, '$'))))
      ELSE hs_scalar_list_items(t, s)
    END`,
  // Items are never empty ("" is printed "-"), so only an empty list prints as "".
  `CREATE OR REPLACE MACRO hs_list_text(t, s) AS nullif(array_to_string(hs_list_items(t, s), ', '), '')`,
  // Arrays first: a CASE whose first branch does the common work ran slower in DuckDB.
  `CREATE OR REPLACE MACRO hs_text(t, s) AS
    CASE
      WHEN t = 'ARRAY' THEN hs_list_text(t, s)
      WHEN t IS NULL OR t IN ('NULL', 'OBJECT') OR trim(s) IN ('', '-') THEN NULL
      ELSE trim(s)
    END`,
];

/** hs_scalar_list_items must exist before the macros that call it. */
export const LIST_MACRO_STATEMENTS: readonly string[] = [
  `CREATE OR REPLACE MACRO hs_scalar_list_items(t, s) AS
    CASE
      WHEN t IN ('NULL', 'OBJECT') THEN []::VARCHAR[]
      WHEN trim(s) = '' THEN []::VARCHAR[]
      ELSE list_transform(regexp_split_to_array(trim(s), '\\s*,\\s*|\\s+:\\s+'), p -> CASE WHEN p = '' THEN '-' ELSE p END)
    END`,
];
