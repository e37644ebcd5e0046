import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bucketSelectionSchema,
  decodeCursor,
  encodeCursor,
  isAfterCursor,
  selectionContains,
  type BucketSelection,
  type TraceCursor,
} from './drill-down';

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('cursor', () => {
  it('round-trips a cursor', () => {
    const cursor = { timestampMs: 1_605_780_000_123, traceId: '4bf92f3577b34da6a3ce929d0e0e4736' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('is URL-safe text', () => {
    const text = encodeCursor({ timestampMs: 1, traceId: '??>>~~ü' });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('round-trips any cursor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }),
        (timestampMs, traceId) => {
          expect(decodeCursor(encodeCursor({ timestampMs, traceId }))).toEqual({ timestampMs, traceId });
        },
      ),
    );
  });

  it.each([
    ['empty text', ''],
    ['not base64', '!!!***'],
    ['base64 of non-JSON', base64url('hello')],
    ['base64 of a JSON number', base64url('42')],
    ['base64 of null', base64url('null')],
    ['a non-integer timestamp', base64url('{"t":1.5,"id":"a"}')],
    ['a string timestamp', base64url('{"t":"1","id":"a"}')],
    ['an empty trace id', base64url('{"t":1,"id":""}')],
    ['a numeric trace id', base64url('{"t":1,"id":7}')],
    ['a missing trace id', base64url('{"t":1}')],
    ['a trace id over 512 characters', base64url(JSON.stringify({ t: 1, id: 'x'.repeat(513) }))],
  ])('decodes %s to null', (_what, text) => {
    expect(decodeCursor(text)).toBeNull();
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const cursor = decodeCursor(text);
        if (cursor !== null) {
          expect(Number.isInteger(cursor.timestampMs)).toBe(true);
          expect(cursor.traceId.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('bucketSelectionSchema', () => {
  /** The parameter names of the schema's issues, each once, or null when accepted. */
  const issuePaths = (params: Record<string, string>): string[] | null => {
    const parsed = bucketSelectionSchema.safeParse(params);
    return parsed.success ? null : [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
  };

  it('reads a full selection', () => {
    expect(bucketSelectionSchema.parse({ histogram: 'edgeMinusIngress', fromMs: '-100', toMs: ' 0 ', limit: '25', cursor: 'abc' })).toEqual({
      histogram: 'edgeMinusIngress',
      fromMs: -100,
      toMs: 0,
      limit: 25,
      cursor: 'abc',
    });
  });

  it('leaves out the bounds of the underflow and overflow bars', () => {
    expect(bucketSelectionSchema.parse({ histogram: 'edge', toMs: '0' })).toEqual({ histogram: 'edge', toMs: 0 });
    expect(bucketSelectionSchema.parse({ histogram: 'ingress', fromMs: '3500' })).toEqual({ histogram: 'ingress', fromMs: 3500 });
  });

  it.each(['edge', 'ingress', 'edgeMinusIngress', 'ingressMinusUpstream'])('accepts histogram %s', (histogram) => {
    expect(issuePaths({ histogram })).toBeNull();
  });

  it('refuses an unknown or missing histogram, naming it', () => {
    expect(issuePaths({ histogram: 'latency' })).toEqual(['histogram']);
    expect(issuePaths({ histogram: 'Edge' })).toEqual(['histogram']);
    expect(issuePaths({})).toEqual(['histogram']);
    const parsed = bucketSelectionSchema.safeParse({ histogram: 'latency' });
    expect(parsed.error?.issues[0]?.message).toBe('histogram must be one of edge, ingress, edgeMinusIngress, ingressMinusUpstream');
  });

  it('refuses fromMs at or above toMs, naming fromMs', () => {
    expect(issuePaths({ histogram: 'edge', fromMs: '100', toMs: '100' })).toEqual(['fromMs']);
    expect(issuePaths({ histogram: 'edge', fromMs: '200', toMs: '100' })).toEqual(['fromMs']);
    expect(issuePaths({ histogram: 'edge', fromMs: '99', toMs: '100' })).toBeNull();
  });

  it.each(['1.5', 'abc', '', '1e3', '1234567890', '--1'])('refuses fromMs and toMs %j', (text) => {
    expect(issuePaths({ histogram: 'edge', fromMs: text })).toEqual(['fromMs']);
    expect(issuePaths({ histogram: 'edge', toMs: text })).toEqual(['toMs']);
  });

  it.each(['0', '501', 'abc', '-1', '2.5', '10000', ''])('refuses limit %j', (limit) => {
    expect(issuePaths({ histogram: 'edge', limit })).toEqual(['limit']);
  });

  it('accepts limits 1 and 500', () => {
    expect(bucketSelectionSchema.parse({ histogram: 'edge', limit: '1' }).limit).toBe(1);
    expect(bucketSelectionSchema.parse({ histogram: 'edge', limit: '500' }).limit).toBe(500);
  });

  it('refuses a cursor over 2000 characters', () => {
    expect(issuePaths({ histogram: 'edge', cursor: 'a'.repeat(2001) })).toEqual(['cursor']);
    expect(issuePaths({ histogram: 'edge', cursor: 'a'.repeat(2000) })).toBeNull();
  });
});

describe('selectionContains', () => {
  const selection = (fromMs: number | null, toMs: number | null): BucketSelection => ({ histogram: 'edge', fromMs, toMs });

  it('includes fromMs and excludes toMs', () => {
    const bucket = selection(100, 200);
    expect(selectionContains(bucket, 99)).toBe(false);
    expect(selectionContains(bucket, 100)).toBe(true);
    expect(selectionContains(bucket, 199)).toBe(true);
    expect(selectionContains(bucket, 200)).toBe(false);
  });

  it('reads a missing fromMs as −∞ (the underflow bar)', () => {
    const underflow = selection(null, 0);
    expect(selectionContains(underflow, -1_000_000)).toBe(true);
    expect(selectionContains(underflow, -1)).toBe(true);
    expect(selectionContains(underflow, 0)).toBe(false);
  });

  it('reads a missing toMs as +∞ (the overflow bar)', () => {
    const overflow = selection(3500, null);
    expect(selectionContains(overflow, 3499)).toBe(false);
    expect(selectionContains(overflow, 3500)).toBe(true);
    expect(selectionContains(overflow, 999_999_999)).toBe(true);
  });

  it('contains everything without bounds', () => {
    expect(selectionContains(selection(null, null), -5)).toBe(true);
    expect(selectionContains(selection(null, null), 5)).toBe(true);
  });
});

describe('isAfterCursor', () => {
  const cursor = { timestampMs: 1000, traceId: 'm' };

  it('lets every row through without a cursor', () => {
    expect(isAfterCursor(null, 0, 'a')).toBe(true);
  });

  it('orders by timestamp descending', () => {
    expect(isAfterCursor(cursor, 999, 'a')).toBe(true);
    expect(isAfterCursor(cursor, 999, 'z')).toBe(true);
    expect(isAfterCursor(cursor, 1001, 'z')).toBe(false);
    expect(isAfterCursor(cursor, 1001, 'a')).toBe(false);
  });

  it('orders equal timestamps by trace id ascending, excluding the cursor row itself', () => {
    expect(isAfterCursor(cursor, 1000, 'n')).toBe(true);
    expect(isAfterCursor(cursor, 1000, 'ma')).toBe(true);
    expect(isAfterCursor(cursor, 1000, 'm')).toBe(false);
    expect(isAfterCursor(cursor, 1000, 'l')).toBe(false);
  });

  it('pages through a sorted list without losing or repeating rows', () => {
    // Already in page order: timestamp desc, then trace id asc.
    const rows = [
      { timestampMs: 30, traceId: 'b' },
      { timestampMs: 20, traceId: 'a' },
      { timestampMs: 20, traceId: 'c' },
      { timestampMs: 20, traceId: 'd' },
      { timestampMs: 10, traceId: 'a' },
    ];
    const seen: string[] = [];
    let cursor: TraceCursor | null = null;
    for (let page = 0; page < 10 && seen.length < rows.length; page++) {
      const after: TraceCursor | null = cursor;
      const pageRows: TraceCursor[] = rows.filter((row) => isAfterCursor(after, row.timestampMs, row.traceId)).slice(0, 2);
      seen.push(...pageRows.map((row) => `${row.timestampMs}/${row.traceId}`));
      const last: TraceCursor | undefined = pageRows.at(-1);
      if (!last) break;
      cursor = last;
    }
    expect(seen).toEqual(['30/b', '20/a', '20/c', '20/d', '10/a']);
  });
});
