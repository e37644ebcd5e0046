import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNginxList, parseNginxTime, formatNginxList } from '@/lib/domain/nginx-value';
import { toText, toTimestampMs, toTraceId } from '@/lib/domain/tier-document';
import { LIST_MACRO_STATEMENTS, MACRO_STATEMENTS } from './macros';

// The SQL macros must agree with the domain parsers on every value, or the embedded store and
// Elasticsearch (which parses with the domain code) would disagree. These tests compare the two.

let connection: DuckDBConnection;

beforeAll(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  for (const statement of [...LIST_MACRO_STATEMENTS, ...MACRO_STATEMENTS]) await connection.run(statement);
});

afterAll(() => connection.closeSync());

type SqlTime = { total: number | null; state: string };

async function sqlTimes(values: unknown[]): Promise<SqlTime[]> {
  const reader = await connection.runAndReadAll(
    `SELECT hs_time(json_type(j), json_extract_string(j, '$')) AS t
     FROM (SELECT CASE WHEN v = 'undefined' THEN NULL ELSE v::JSON END AS j, i FROM (SELECT unnest($values::VARCHAR[]) AS v, generate_subscripts($values::VARCHAR[], 1) AS i)) ORDER BY i`,
    { values: `[${values.map((value) => `'${(value === undefined ? 'undefined' : JSON.stringify(value)).replaceAll("'", "''").replaceAll('\\', '\\\\')}'`).join(',')}]` },
  );
  return reader.getRowObjects().map((row) => {
    const t = row.t as { entries?: Record<string, unknown> } & Record<string, unknown>;
    const entries = (t.entries ?? t) as { total: bigint | null; state: string };
    return { total: entries.total === null ? null : Number(entries.total), state: entries.state };
  });
}

async function sqlScalar(macro: string, value: unknown): Promise<unknown> {
  // A macro takes a value as its JSON type and its text, as the load reads them (build-load.ts).
  // Text comes back as its UTF-8 bytes: the client's decoding drops a leading byte-order mark.
  const reader = await connection.runAndReadAll(
    `SELECT r, CASE WHEN typeof(r) = 'VARCHAR' THEN hex(r) END AS text_bytes FROM (SELECT ${macro}(json_type(j), json_extract_string(j, '$')) AS r FROM (SELECT CAST($v AS JSON) AS j))`,
    { v: JSON.stringify(value) },
  );
  const row = reader.getRowObjects()[0];
  if (typeof row?.text_bytes === 'string') return Buffer.from(row.text_bytes, 'hex').toString('utf8');
  const result = row?.r;
  return typeof result === 'bigint' ? Number(result) : result;
}

function domainTime(value: unknown): SqlTime {
  const parsed = parseNginxTime(value);
  if (parsed.kind === 'invalid') return { total: null, state: parsed.reason };
  if (parsed.kind === 'absent' || parsed.totalMs === null) return { total: null, state: 'missing' };
  return { total: parsed.totalMs, state: 'ok' };
}

const EXAMPLES: unknown[] = [
  1.288, 0, 2.2999999523, 0.1, 1e-4, '1.288', '0', '-', '', '  0.004  ', '0.004, 1.002', '-, 0.001', '0.004 : 0.002',
  '0.001, 0.002 : 0.003', '0.0005', '0.0004', '1.2885', '999999.999', '999999.9995', '1000000', '-0.5', -0.5, 'abc',
  '1,2,x', '1e3', '1.', '.5', '0.004,', true, { a: 1 }, ['0.004', '1.002'], [0.004, 1.002], [['0.1']], null, [], ['-'],
  '-, -', 12, '007.5',
];

describe('hs_time macro agrees with parseNginxTime', () => {
  it('on every documented nginx form and on dirty values', async () => {
    expect(await sqlTimes(EXAMPLES)).toEqual(EXAMPLES.map(domainTime));
  });

  it('on missing fields', async () => {
    expect(await sqlTimes([undefined])).toEqual([{ total: null, state: 'missing' }]);
  });

  it('on random nginx-shaped strings', async () => {
    const token = fc.oneof(
      fc.constant('-'),
      fc.integer({ min: 0, max: 99_999_999 }).map((ms) => `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}`),
      fc.stringMatching(/^[0-9]{1,7}(\.[0-9]{0,5})?$/),
    );
    const value = fc.array(token, { minLength: 1, maxLength: 4 }).chain((tokens) =>
      fc.constantFrom(', ', ' : ', ',', ' , ').map((separator) => tokens.join(separator)),
    );
    const samples = fc.sample(value, { numRuns: 400, seed: 42 });
    expect(await sqlTimes(samples)).toEqual(samples.map(domainTime));
  });
});

/**
 * Space that is not a space separator (tabs, line breaks, a byte-order mark, a line separator) and
 * space separators that are not ASCII, around values and around list separators: shippers and
 * hand-edited pipelines leave them, and both stores must read such a value alike.
 */
const EXOTIC_SPACE = ['\t', '\n', '\r', '\f', '\v', '\u00a0', '\u2028', '\ufeff', '\u3000', '\u2009'];

describe('macros and the domain read unusual space alike', () => {
  const padded = EXOTIC_SPACE.flatMap((space) => [`${space}0.010${space}`, `0.004${space},${space}1.002`, `0.004 :${space}0.002`]);

  it('in times', async () => {
    expect(await sqlTimes(padded)).toEqual(padded.map(domainTime));
  });

  it.each(EXOTIC_SPACE)('in text, lists, trace ids and timestamps (%j)', async (space) => {
    for (const value of [`${space}a${space}`, `${space}-${space}`, space]) {
      expect(await sqlScalar('hs_text', value)).toEqual(toText(value));
      expect(await sqlScalar('hs_trace_id', value)).toEqual(toTraceId(value));
    }
    for (const value of [`10.0.0.1:80${space},${space}10.0.0.2:80`, `10.0.0.1:80${space}:${space}10.0.0.3:80`, `${space}10.0.0.1:80${space}`]) {
      expect(await sqlScalar('hs_list_text', value)).toEqual(formatNginxList(parseNginxList(value)));
    }
    for (const value of [`${space}2020-11-19T02:13:05.123Z${space}`, `2020-11-19T02:13:05${space}Z`, `${space}19/Nov/2020:10:13:05 +0800${space}`, `${space}1605751984.150${space}`]) {
      expect(await sqlScalar('hs_timestamp_ms', value)).toEqual(toTimestampMs(value));
    }
  });
});

describe('text and identity macros agree with the domain', () => {
  it.each([
    'a', '  padded ', '', '-', 12, null, ['10.0.0.1:80', '10.0.0.2:80'], { nested: true },
  ])('hs_list_text(%j)', async (value) => {
    expect(await sqlScalar('hs_list_text', value)).toEqual(formatNginxList(parseNginxList(value)));
  });

  it.each(['10.0.0.1:80, 10.0.0.2:80', '10.0.0.1:80 : 10.0.0.3:80', '-, 10.0.0.2:80', 'unix:/tmp/app.sock', 'prod-user-api-8080'])(
    'hs_list_text keeps nginx list shapes: %s',
    async (value) => {
      expect(await sqlScalar('hs_list_text', value)).toEqual(formatNginxList(parseNginxList(value)));
    },
  );

  it.each(['87bad3cf9d184df0:87bad3cf9d184df0:0:1', '  ', '-', ' - ', '-1', 12345, true, null, { id: 'a' }, ['a'], ['a', 'a'], [7, 7], ['a', 'b'], ['a', null], ['a', '-'], ['-'], [], [['a']]])('hs_trace_id(%j)', async (value) => {
    expect(await sqlScalar('hs_trace_id', value)).toEqual(toTraceId(value));
  });

  it.each([
    '2020-11-19T02:13:05.123Z', '2020-11-19T10:13:05.123+08:00', '2020-11-19T10:13:05+0800', '2020-11-19T02:13:05.123456Z',
    '2020-11-19T02:13:05', '2020-11-19 02:13:05.1Z', '2020-11-19', '2020-11-19T10:00Z', '2020-02-30T00:00:00Z', 'yesterday', 1605752000123, null,
    '19/Nov/2020:10:13:05 +0800', ' 19/Nov/2020:02:13:05 +0000 ', '31/Dec/2020:23:59:59 -0230', '30/Feb/2020:00:00:00 +0000', '19/Foo/2020:02:13:05 +0000',
    '19/Nov/2020:25:13:05 +0000',
    1605751984.15, '1605751984.150', ' 1605751984 ', '1605751984.1509', '0001605751984.5', '1605752000123', 1605752000123.5, 12345, -5, 0,
    '20201119', 1605751984150123456, '1605751984150123', '1e9', 1e-7, '-1605751984',
  ])('hs_timestamp_ms(%j)', async (value) => {
    expect(await sqlScalar('hs_timestamp_ms', value)).toEqual(toTimestampMs(value));
  });
});
