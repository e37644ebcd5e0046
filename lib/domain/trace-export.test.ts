import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceSummary } from './trace';
import { toCsvField, toCsvHeader, toCsvRow, toExportChunk, toExportFilename, toExportPreamble, toNdjsonLine } from './trace-export';

const FULL: TraceSummary = {
  traceId: '4be1312497a101d3:4be1312497a101d3:0:1',
  timestampMs: Date.UTC(2020, 10, 19, 2, 0, 0, 331),
  app: 'user-api',
  path: '/app/v1/user/ping',
  method: 'GET',
  edge: { requestTimeMs: 1012, connectMs: 1001, responseMs: 1011, upstreamAddr: '10.20.0.12:80', host: 'edge-nginx-2', status: 200 },
  ingress: { requestTimeMs: 9, connectMs: 0, responseMs: 8, upstreamAddr: '10.244.2.1:8080, 10.244.2.2:8080', host: 'ingress-node-2', status: 504 },
  edgeMinusIngressMs: 1003,
  ingressMinusUpstreamMs: -1,
};

const EDGE_ONLY: TraceSummary = {
  ...FULL,
  traceId: 'edge-only',
  app: null,
  path: null,
  method: null,
  edge: { requestTimeMs: 5, connectMs: null, responseMs: null, upstreamAddr: null, host: null, status: null },
  ingress: null,
  edgeMinusIngressMs: null,
  ingressMinusUpstreamMs: null,
};

describe('CSV', () => {
  it('writes the header in the documented column order, ended by CRLF', () => {
    expect(toCsvHeader()).toBe(
      'trace_id,edge_timestamp,app,path,method,edge_status,edge_request_time_ms,edge_connect_ms,edge_upstream_addr,edge_host,' +
        'ingress_request_time_ms,ingress_connect_ms,ingress_upstream_addr,ingress_host,ingress_status,edge_minus_ingress_ms,ingress_minus_upstream_ms\r\n',
    );
  });

  it('writes a row in the header order, quoting the upstream list and keeping a negative gap a number', () => {
    expect(toCsvRow(FULL)).toBe(
      '4be1312497a101d3:4be1312497a101d3:0:1,2020-11-19T02:00:00.331Z,user-api,/app/v1/user/ping,GET,200,1012,1001,10.20.0.12:80,edge-nginx-2,' +
        '9,0,"10.244.2.1:8080, 10.244.2.2:8080",ingress-node-2,504,1003,-1\r\n',
    );
  });

  it('leaves every missing value empty (an edge-only trace has no ingress side)', () => {
    expect(toCsvRow(EDGE_ONLY)).toBe('edge-only,2020-11-19T02:00:00.331Z,,,,,5,,,,,,,,,,\r\n');
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['', ''],
    [' padded ', ' padded '],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('quotes %j as %j (RFC 4180, formulas neutralized)', (value, field) => {
    expect(toCsvField(value)).toBe(field);
  });

  it('writes numbers and null as they are', () => {
    expect(toCsvField(-5)).toBe('-5');
    expect(toCsvField(0)).toBe('0');
    expect(toCsvField(null)).toBe('');
  });

  it('any text survives an RFC 4180 reading of its field', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (value) => {
        const expected = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
        expect(readCsvRecord(toCsvField(value) + '\r\n')).toEqual([expected]);
        expect(readCsvRecord(`${toCsvField(value)},${toCsvField(value)}\r\n`)).toEqual([expected, expected]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('NDJSON', () => {
  it('writes the /traces item itself, one line each', () => {
    expect(JSON.parse(toNdjsonLine(FULL))).toEqual(FULL);
    expect(JSON.parse(toNdjsonLine(EDGE_ONLY))).toEqual(EDGE_ONLY);
    expect(toNdjsonLine({ ...FULL, path: 'a\nb' }).split('\n')).toHaveLength(2);
  });
});

describe('export chunks', () => {
  it('starts CSV with its header and NDJSON with nothing, then one line per trace in the given order', () => {
    expect(toExportPreamble('csv')).toBe(toCsvHeader());
    expect(toExportPreamble('ndjson')).toBe('');
    expect(toExportChunk('csv', [EDGE_ONLY, FULL])).toBe(toCsvRow(EDGE_ONLY) + toCsvRow(FULL));
    expect(toExportChunk('ndjson', [FULL, EDGE_ONLY])).toBe(toNdjsonLine(FULL) + toNdjsonLine(EDGE_ONLY));
    expect(toExportChunk('csv', [])).toBe('');
  });

  it('names the file after the histogram and the bar, open ends as min and max', () => {
    expect(toExportFilename({ histogram: 'ingress', fromMs: 1000, toMs: 1100 }, 'csv')).toBe('hopscope-ingress-1000-1100.csv');
    expect(toExportFilename({ histogram: 'edgeMinusIngress', fromMs: null, toMs: 0 }, 'ndjson')).toBe('hopscope-edgeMinusIngress-min-0.ndjson');
    expect(toExportFilename({ histogram: 'edge', fromMs: 3500, toMs: null }, 'csv')).toBe('hopscope-edge-3500-max.csv');
  });
});

/**
 * A reader of one RFC 4180 record, written from the RFC's grammar rather than from the writer:
 * fields split at commas outside quotes, a quoted field's "" is one quote, CRLF ends the record.
 */
function readCsvRecord(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n' && i + 2 === text.length) {
      fields.push(field);
      return fields;
    } else field += char;
  }
  throw new Error(`record not ended by CRLF: ${JSON.stringify(text)}`);
}
