import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_TIME_MS,
  decimalSecondsToMs,
  formatNginxList,
  numberSecondsToMs,
  parseNginxList,
  parseNginxTime,
  toTotalMs,
  type NginxTime,
} from './nginx-value';

const value = (attemptsMs: (number | null)[], totalMs: number | null): NginxTime => ({ kind: 'value', attemptsMs, totalMs });
const invalid = (reason: 'unparsable' | 'negative' | 'out-of-range'): NginxTime => ({ kind: 'invalid', reason });
const ABSENT: NginxTime = { kind: 'absent' };

/** Milliseconds printed the way nginx prints them: seconds with exactly three decimals. */
const asNginxSeconds = (ms: number): string => `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}`;

describe('parseNginxTime: JSON numbers', () => {
  it.each([
    [0, 0],
    [1.288, 1288],
    [0.004, 4],
    [1.002, 1002],
    [60, 60_000],
    // float32 values widened to float64 by a shipper
    [2.2999999523, 2300],
    [Math.fround(0.001), 1],
    [Math.fround(1.288), 1288],
  ])('%s s is %s ms', (seconds, ms) => {
    expect(parseNginxTime(seconds)).toEqual(value([ms], ms));
  });

  it('rejects negative numbers as negative', () => {
    expect(parseNginxTime(-0.5)).toEqual(invalid('negative'));
    expect(parseNginxTime(-0.0001)).toEqual(invalid('negative'));
  });

  it('rejects non-finite numbers as unparsable', () => {
    expect(parseNginxTime(Number.NaN)).toEqual(invalid('unparsable'));
    expect(parseNginxTime(Number.POSITIVE_INFINITY)).toEqual(invalid('unparsable'));
  });

  it('rejects numbers above 999,999.999 s as out of range', () => {
    expect(parseNginxTime(999_999.999)).toEqual(value([999_999_999], 999_999_999));
    expect(parseNginxTime(1_000_000)).toEqual(invalid('out-of-range'));
  });
});

describe('parseNginxTime: single strings', () => {
  it.each([
    ['1.288', 1288],
    ['0', 0],
    ['0.000', 0],
    ['0.004', 4],
    ['12', 12_000],
    ['1.5', 1500],
    ['1.25', 1250],
    ['  1.288  ', 1288],
    ['\u00a00.010\u3000', 10],
    ['999999.999', 999_999_999],
    ['0001.000', 1000],
  ])('%j is %s ms', (text, ms) => {
    expect(parseNginxTime(text)).toEqual(value([ms], ms));
  });

  it.each(['-', '', '   ', ' - '])('%j is absent', (text) => {
    expect(parseNginxTime(text)).toEqual(ABSENT);
  });

  it('rounds half up on the fourth decimal', () => {
    expect(parseNginxTime('0.0005')).toEqual(value([1], 1));
    expect(parseNginxTime('0.0004')).toEqual(value([0], 0));
    expect(parseNginxTime('1.2885')).toEqual(value([1289], 1289));
    expect(parseNginxTime('1.2884999')).toEqual(value([1288], 1288));
    expect(parseNginxTime('0.9995')).toEqual(value([1000], 1000));
    expect(parseNginxTime('0.00049')).toEqual(value([0], 0));
  });

  it('marks negative numbers as negative', () => {
    expect(parseNginxTime('-0.5')).toEqual(invalid('negative'));
    expect(parseNginxTime('-1')).toEqual(invalid('negative'));
    expect(parseNginxTime('0.004, -0.001')).toEqual(invalid('negative'));
  });

  // Only space separators pad a value (what DuckDB's trim strips in the embedded store's macros):
  // a tab, a line break or a byte-order mark is no padding nginx writes.
  it.each(['\t0.010\n', '0.010\r', '\ufeff0.010'])('%j is unparsable', (text) => {
    expect(parseNginxTime(text)).toEqual(invalid('unparsable'));
  });

  it.each(['abc', '1,2,x', '1e3', '1.', '.5', '+1', '1.2.3', '0x10', 'NaN', 'Infinity', '1 2', '0.004,,0.001', '0.004,', '--'])(
    '%j is unparsable',
    (text) => {
      expect(parseNginxTime(text)).toEqual(invalid('unparsable'));
    },
  );

  it('marks seven integer digits as out of range', () => {
    expect(parseNginxTime('1000000')).toEqual(invalid('out-of-range'));
    expect(parseNginxTime('1234567.000')).toEqual(invalid('out-of-range'));
    // 999,999.9995 s rounds up to 1,000,000,000 ms, one above the limit
    expect(parseNginxTime('999999.9995')).toEqual(invalid('out-of-range'));
  });
});

describe('parseNginxTime: attempt lists and redirect groups', () => {
  it('keeps every upstream attempt and sums them', () => {
    expect(parseNginxTime('0.004, 1.002')).toEqual(value([4, 1002], 1006));
    expect(parseNginxTime('0.004,1.002')).toEqual(value([4, 1002], 1006));
  });

  it('keeps attempts that never connected as null and leaves them out of the total', () => {
    expect(parseNginxTime('-, 0.001')).toEqual(value([null, 1], 1));
    expect(parseNginxTime('0.010, -, 0.020')).toEqual(value([10, null, 20], 30));
  });

  it('gives a value without a total when no attempt has one', () => {
    expect(parseNginxTime('-, -')).toEqual(value([null, null], null));
    expect(parseNginxTime('- : -')).toEqual(value([null, null], null));
  });

  it('flattens the groups after an internal redirect', () => {
    expect(parseNginxTime('0.004 : 0.002')).toEqual(value([4, 2], 6));
    expect(parseNginxTime('0.001, 0.002 : 0.003')).toEqual(value([1, 2, 3], 6));
    expect(parseNginxTime('- : 0.250')).toEqual(value([null, 250], 250));
  });

  it('rejects a list whose total exceeds the range', () => {
    expect(parseNginxTime('999999.999, 0.001')).toEqual(invalid('out-of-range'));
    expect(parseNginxTime('999999.998, 0.001')).toEqual(value([999_999_998, 1], 999_999_999));
  });
});

describe('parseNginxTime: JSON arrays', () => {
  it('reads arrays of strings', () => {
    expect(parseNginxTime(['0.004', '1.002'])).toEqual(value([4, 1002], 1006));
    expect(parseNginxTime(['-', '0.001'])).toEqual(value([null, 1], 1));
  });

  it('reads arrays of numbers', () => {
    expect(parseNginxTime([0.004, 1.002])).toEqual(value([4, 1002], 1006));
  });

  it('reads arrays mixing numbers and list strings', () => {
    expect(parseNginxTime([0.5, '0.004, 1.002'])).toEqual(value([500, 4, 1002], 1506));
  });

  it('treats an empty array or a lone "-" element as absent', () => {
    expect(parseNginxTime([])).toEqual(ABSENT);
    expect(parseNginxTime(['-'])).toEqual(ABSENT);
    expect(parseNginxTime([''])).toEqual(ABSENT);
  });

  it('rejects arrays with an invalid element or nested arrays', () => {
    expect(parseNginxTime(['0.004', 'abc'])).toEqual(invalid('unparsable'));
    expect(parseNginxTime([0.004, -1])).toEqual(invalid('negative'));
    expect(parseNginxTime([['0.004']])).toEqual(invalid('unparsable'));
    expect(parseNginxTime([{ t: 1 }])).toEqual(invalid('unparsable'));
  });
});

describe('parseNginxTime: other JSON values', () => {
  it('treats null and undefined as absent', () => {
    expect(parseNginxTime(null)).toEqual(ABSENT);
    expect(parseNginxTime(undefined)).toEqual(ABSENT);
  });

  it.each([[{}], [{ request_time: '1.0' }], [true], [false]])('%j is unparsable', (input) => {
    expect(parseNginxTime(input)).toEqual(invalid('unparsable'));
  });
});

describe('decimalSecondsToMs and numberSecondsToMs', () => {
  it('maps "-" to a null attempt', () => {
    expect(decimalSecondsToMs('-')).toEqual({ ok: true, ms: null });
  });

  it('converts tokens exactly', () => {
    expect(decimalSecondsToMs('3.141')).toEqual({ ok: true, ms: 3141 });
    expect(decimalSecondsToMs('3.1415')).toEqual({ ok: true, ms: 3142 });
    expect(numberSecondsToMs(3.141)).toEqual({ ok: true, ms: 3141 });
  });

  it('reports why a token is refused', () => {
    expect(decimalSecondsToMs('-3')).toEqual({ ok: false, reason: 'negative' });
    expect(decimalSecondsToMs('x')).toEqual({ ok: false, reason: 'unparsable' });
    expect(decimalSecondsToMs('1000000')).toEqual({ ok: false, reason: 'out-of-range' });
    expect(numberSecondsToMs(-3)).toEqual({ ok: false, reason: 'negative' });
  });
});

describe('toTotalMs', () => {
  it('returns the total of a value and null otherwise', () => {
    expect(toTotalMs(value([4, 1002], 1006))).toBe(1006);
    expect(toTotalMs(value([null, null], null))).toBeNull();
    expect(toTotalMs(ABSENT)).toBeNull();
    expect(toTotalMs(invalid('negative'))).toBeNull();
  });
});

describe('parseNginxList (upstream_addr, upstream_status)', () => {
  it.each<[unknown, (string | null)[]]>([
    ['10.0.0.1:80', ['10.0.0.1:80']],
    ['10.0.0.1:80, 10.0.0.2:80', ['10.0.0.1:80', '10.0.0.2:80']],
    ['10.0.0.1:80 : 10.0.0.3:80', ['10.0.0.1:80', '10.0.0.3:80']],
    ['10.0.0.1:80, 10.0.0.2:80 : 10.0.0.3:80', ['10.0.0.1:80', '10.0.0.2:80', '10.0.0.3:80']],
    ['-', [null]],
    ['-, 10.0.0.2:80', [null, '10.0.0.2:80']],
    ['unix:/tmp/sock', ['unix:/tmp/sock']],
    ['unix:/tmp/a.sock : 10.0.0.3:80', ['unix:/tmp/a.sock', '10.0.0.3:80']],
    ['[2001:db8::1]:443', ['[2001:db8::1]:443']],
    ['prod-user-api-8080', ['prod-user-api-8080']],
    ['  10.0.0.1:80  ', ['10.0.0.1:80']],
    ['502, 200', ['502', '200']],
    [200, ['200']],
    [['10.0.0.1:80', '10.0.0.2:80'], ['10.0.0.1:80', '10.0.0.2:80']],
    [['10.0.0.1:80, 10.0.0.2:80', '-'], ['10.0.0.1:80', '10.0.0.2:80', null]],
    [[502, 200], ['502', '200']],
    ['', []],
    ['   ', []],
    [null, []],
    [undefined, []],
    [[], []],
    // objects are not lists; one with an own toString key used to make String() throw
    [{ addr: '10.0.0.1:80' }, []],
    [{ toString: {} }, []],
  ])('%j → %j', (input, expected) => {
    expect(parseNginxList(input)).toEqual(expected);
  });
});

describe('formatNginxList', () => {
  it('joins attempts as nginx prints them', () => {
    expect(formatNginxList(['10.0.0.1:80', null, '10.0.0.2:80'])).toBe('10.0.0.1:80, -, 10.0.0.2:80');
    expect(formatNginxList(['prod-user-api-8080'])).toBe('prod-user-api-8080');
    expect(formatNginxList([])).toBeNull();
  });
});

describe('properties', () => {
  const anyMs = fc.integer({ min: 0, max: MAX_TIME_MS });

  it('reads back any millisecond value printed as nginx prints it', () => {
    fc.assert(
      fc.property(anyMs, (ms) => {
        expect(parseNginxTime(asNginxSeconds(ms))).toEqual(value([ms], ms));
      }),
    );
  });

  it('reads back any millisecond value sent as a JSON number of seconds', () => {
    fc.assert(
      fc.property(anyMs, (ms) => {
        expect(parseNginxTime(ms / 1000)).toEqual(value([ms], ms));
      }),
    );
  });

  it('reads back float32 seconds up to 1000 s', () => {
    // float32 keeps ~7 significant digits: below 1000 s its error stays far under half a millisecond
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (ms) => {
        expect(parseNginxTime(Math.fround(ms / 1000))).toEqual(value([ms], ms));
      }),
    );
  });

  it('sums a ", "-joined list exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 99_999_999 }), { minLength: 1, maxLength: 10 }), (list) => {
        let sum = 0;
        for (const ms of list) sum += ms;
        expect(parseNginxTime(list.map(asNginxSeconds).join(', '))).toEqual(value(list, sum));
      }),
    );
  });

  it('keeps positions of "-" attempts across both separators', () => {
    const attempt = fc.option(fc.integer({ min: 0, max: 9_999_999 }), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.tuple(attempt, fc.constantFrom(', ', ' : ', ',')), { minLength: 2, maxLength: 8 }), (parts) => {
        const text = parts.map(([ms, separator], i) => (i === 0 ? '' : separator) + (ms === null ? '-' : asNginxSeconds(ms))).join('');
        const attempts = parts.map(([ms]) => ms);
        const present = attempts.filter((ms): ms is number => ms !== null);
        let sum = 0;
        for (const ms of present) sum += ms;
        expect(parseNginxTime(text)).toEqual(value(attempts, present.length === 0 ? null : sum));
      }),
    );
  });

  /** Whatever the input, the result is one of the three shapes and a value's total is the sum of its attempts. */
  const expectWellFormed = (result: NginxTime) => {
    if (result.kind === 'absent') return;
    if (result.kind === 'invalid') {
      expect(['unparsable', 'negative', 'out-of-range']).toContain(result.reason);
      return;
    }
    let sum = 0;
    for (const ms of result.attemptsMs) {
      if (ms === null) continue;
      expect(Number.isInteger(ms) && ms >= 0 && ms <= MAX_TIME_MS).toBe(true);
      sum += ms;
    }
    expect(result.totalMs).toBe(result.attemptsMs.every((ms) => ms === null) ? null : sum);
  };

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[-0-9., :]{0,20}$/)), (text) => {
        expectWellFormed(parseNginxTime(text));
        expect(Array.isArray(parseNginxList(text))).toBe(true);
      }),
    );
  });

  it('never throws on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        expectWellFormed(parseNginxTime(input));
        expect(Array.isArray(parseNginxList(input))).toBe(true);
      }),
    );
  });
});

describe('properties: round-trips and invariants', () => {
  const attemptMs = fc.integer({ min: 0, max: 9_999_999 });
  const attempt = fc.option(attemptMs, { nil: null });
  const separator = fc.constantFrom(', ', ' : ', ',', ' , ');

  it('leading and trailing zeros do not change a value ("0.1" = "0.100" = "00.1000")', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999 }), fc.nat(3), fc.nat(3), (whole, thousandths, lead, trail) => {
        const fraction = String(thousandths).padStart(3, '0');
        const canonical = `${whole}.${fraction}`;
        const padded = `${'0'.repeat(lead)}${whole}.${fraction}${'0'.repeat(trail)}`;
        expect(parseNginxTime(padded)).toEqual(parseNginxTime(canonical));
        expect(toTotalMs(parseNginxTime(canonical))).toBe(whole * 1000 + thousandths);
      }),
    );
  });

  it('a list reads the same as a string, as an array of strings and as an array of numbers', () => {
    fc.assert(
      fc.property(fc.array(attemptMs, { minLength: 1, maxLength: 8 }), separator, (list, sep) => {
        const fromString = parseNginxTime(list.map(asNginxSeconds).join(sep));
        expect(parseNginxTime(list.map(asNginxSeconds))).toEqual(fromString);
        expect(parseNginxTime(list.map((ms) => ms / 1000))).toEqual(fromString);
      }),
    );
  });

  it('the total is the integer sum of the attempts, with no floating-point drift however many', () => {
    fc.assert(
      fc.property(fc.array(attempt, { minLength: 1, maxLength: 40 }), (attempts) => {
        const result = parseNginxTime(attempts.map((ms) => (ms === null ? '-' : asNginxSeconds(ms))).join(', '));
        const present = attempts.filter((ms): ms is number => ms !== null);
        // Summed in thousandths of a second as BigInt: independent of the parser's arithmetic.
        const exact = present.reduce((sum, ms) => sum + BigInt(ms), 0n);
        if (exact > BigInt(MAX_TIME_MS)) {
          expect(result).toEqual(invalid('out-of-range'));
          return;
        }
        // A lone "-" is no value at all; several are attempts that never got one.
        if (attempts.length === 1 && attempts[0] === null) expect(result).toEqual(ABSENT);
        else expect(result).toEqual(value(attempts, present.length === 0 ? null : Number(exact)));
        if (result.kind === 'value' && result.totalMs !== null) expect(Number.isSafeInteger(result.totalMs)).toBe(true);
      }),
    );
  });

  it('"-" alone is absent; several "-" are attempts without a total; "-" never becomes 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), separator, (n, sep) => {
        expect(parseNginxTime('-')).toEqual(ABSENT);
        expect(parseNginxTime(Array.from({ length: n }, () => '-').join(sep))).toEqual(value(Array.from({ length: n }, () => null), null));
        expect(parseNginxTime(['-', '0.000'])).toEqual(value([null, 0], 0));
      }),
    );
  });

  it('one bad token makes the whole value invalid, whatever its position', () => {
    const bad = fc.constantFrom<[string, 'unparsable' | 'negative' | 'out-of-range']>(
      ['abc', 'unparsable'],
      ['1.2.3', 'unparsable'],
      ['NaN', 'unparsable'],
      ['-0.5', 'negative'],
      ['1000000.000', 'out-of-range'],
    );
    fc.assert(
      fc.property(fc.array(attemptMs, { maxLength: 5 }), fc.nat(5), bad, (list, at, [token, reason]) => {
        const tokens = list.map(asNginxSeconds);
        tokens.splice(Math.min(at, tokens.length), 0, token);
        expect(parseNginxTime(tokens.join(', '))).toEqual(invalid(reason));
      }),
    );
  });

  it('upstream address lists round-trip through formatNginxList', () => {
    const address = fc.option(
      fc.oneof(
        fc.tuple(fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 65_535 })).map(([a, b, port]) => `10.${a}.${b}.1:${port}`),
        fc.constant('unix:/run/app.sock'),
      ),
      { nil: null },
    );
    fc.assert(
      fc.property(fc.array(address, { minLength: 1, maxLength: 6 }), (items) => {
        const text = formatNginxList(items);
        expect(text).not.toBeNull();
        expect(parseNginxList(text)).toEqual(items);
      }),
    );
  });
});
