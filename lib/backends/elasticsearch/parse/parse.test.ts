import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { estypes } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { parseDocuments } from './parse-documents';
import { parseEdgeOverview } from './parse-edge-overview';
import { parseExtent } from './parse-extent';
import { parseKeywordValues } from './parse-keyword-values';
import { parseMsHistogram } from './parse-ms-histogram';
import { aggregationOrThrow, type HistogramAggregate } from './aggregation-shapes';
import { parseSuggestions } from './parse-suggestions';
import { parseTraceIds } from './parse-trace-ids';
import { parseTraceTuples } from './parse-trace-tuples';

/** A recorded answer (testdata/README.md). */
const recorded = (name: string): estypes.SearchResponse =>
  JSON.parse(readFileSync(path.join(__dirname, 'testdata', `${name}.json`), 'utf8')) as estypes.SearchResponse;

const T0 = Date.UTC(2020, 10, 19, 10, 0, 0);

describe('parsers on recorded answers', () => {
  it('edge overview, numeric: the fixture window counted per millisecond', () => {
    // Window lines with a trace id: 13 (E10, E11 lack one). E9 has no request_time, E13 −0.001;
    // the 11 others all below 60 s: 50, 100, 200, 250, 300, 350, 600, 999, 1000, 2300, 3500 ms
    // (keys such as 0.9984999999999999 and 2.2995 are the float buckets of 999 and 2300 ms).
    expect(parseEdgeOverview(recorded('edge-overview-numbers'), true)).toEqual({
      traceIdMissing: 2,
      requestTimeMissing: 1,
      requestTimeNegative: 1,
      requestTimeOutOfRange: 0,
      firstChunkByMs: [50, 100, 200, 250, 300, 350, 600, 999, 1000, 2300, 3500].map((valueMs) => ({ valueMs, count: 1 })),
      otherChunks: [],
    });
  });

  it('edge overview, keyword: counts only', () => {
    // E9's "-" is a value of a keyword field, so nothing is missing there.
    expect(parseEdgeOverview(recorded('edge-overview-strings'), false)).toEqual({
      traceIdMissing: 2,
      requestTimeMissing: 0,
      requestTimeNegative: 0,
      requestTimeOutOfRange: 0,
      firstChunkByMs: [],
      otherChunks: [],
    });
  });

  it('a 1 ms histogram with keys half a millisecond early', () => {
    const histogram = aggregationOrThrow<HistogramAggregate>(recorded('ms-chunk'), ['request_time_ms']);
    expect(parseMsHistogram(histogram).map((value) => value.valueMs)).toEqual([50, 100, 200, 250, 300, 350, 600, 999, 1000, 2300, 3500]);
    expect(parseMsHistogram({ buckets: [{ key: 59.9995, doc_count: 2 }, { key: 0.0005, doc_count: 0 }] })).toEqual([{ valueMs: 60_000, count: 2 }]);
  });

  it('keyword values in key order, the last page without a follow-up', () => {
    const page = parseKeywordValues(recorded('keyword-values'), 10_000);
    // The 13 lines with a trace id: "-" (E9), "-0.001" (E13) and the 11 valid strings.
    expect(page.values).toEqual(
      ['-', '-0.001', '0.050', '0.100', '0.200', '0.250', '0.300', '0.350', '0.600', '0.999', '1.000', '2.300', '3.500'].map((value) => ({ value, count: 1 })),
    );
    expect(page.after).toBeNull();
    expect(parseKeywordValues(recorded('keyword-values'), 13).after).toEqual({ value: '3.500' });
  });

  it('trace ids with document counts and the largest float request_time', () => {
    const traces = parseTraceIds(recorded('trace-ids'));
    expect(traces.map((trace) => [trace.traceId, trace.documents])).toEqual([
      ['a1', 1], ['a14', 1], ['a15', 1], ['a2', 1], ['a3', 1], ['a4', 1], ['a5', 2], ['a6', 1], ['a7', 1], ['a8', 1],
    ]);
    expect(traces.find((trace) => trace.traceId === 'a2')?.maxRequestTimeSeconds).toBe(2.299999952316284);
    expect(traces.find((trace) => trace.traceId === 'a5')?.maxRequestTimeSeconds).toBe(0.3499999940395355);
  });

  it('refuses a partition that did not fit', () => {
    const overflowing = { aggregations: { trace_ids: { buckets: [], sum_other_doc_count: 3 } } } as unknown as estypes.SearchResponse;
    expect(() => parseTraceIds(overflowing)).toThrow(/3 documents left out/);
  });

  it('ingress tuples of a1, a2, a3, a5 and a15', () => {
    const page = parseTraceTuples(recorded('trace-tuples-ingress'), 40_000);
    expect(page.after).toBeNull();
    expect(page.tuples).toEqual([
      { values: { trace_id: 'a1', timestamp: T0 + 10_000, request_time: 'abc', upstream_response_time: '-' }, count: 1 },
      { values: { trace_id: 'a1', timestamp: T0 + 10_003, request_time: '0.098', upstream_response_time: '0.095' }, count: 1 },
      { values: { trace_id: 'a15', timestamp: T0 + 130_000, request_time: '-', upstream_response_time: '-' }, count: 1 },
      { values: { trace_id: 'a2', timestamp: T0 + 20_002, request_time: '2.297', upstream_response_time: '0.000, 2.290' }, count: 1 },
      { values: { trace_id: 'a3', timestamp: T0 + 30_000, request_time: '1.000', upstream_response_time: '-' }, count: 1 },
      { values: { trace_id: 'a5', timestamp: T0 + 51_000, request_time: '0.330', upstream_response_time: '0.320' }, count: 1 },
      { values: { trace_id: 'a5', timestamp: T0 + 51_000, request_time: '0.340', upstream_response_time: '0.300' }, count: 1 },
    ]);
  });

  it('documents with their source, and sort keys of the ordered scan', () => {
    const documents = parseDocuments(recorded('documents-edge'));
    expect(documents.total).toBe(2);
    expect(documents.documents.map((document) => document.source.request_time).sort()).toEqual([0.25, 0.35]);
    const ordered = parseDocuments(recorded('ordered-edge'));
    expect(ordered.documents.map((document) => document.sort)).toEqual([
      [String(T0 + 3_599_999), 'a14'],
      [String(T0 + 130_000), 'a15'],
      [String(T0 + 60_000), 'a6'],
    ]);
  });

  it('suggestions and the extent, also of a pattern without indices', () => {
    // All 16 edge lines (no window): shop 12 (E12 too), media 4.
    expect(parseSuggestions(recorded('suggestions'))).toEqual([
      { value: 'shop', count: 12 },
      { value: 'media', count: 4 },
    ]);
    expect(parseExtent(recorded('extent'))).toEqual({ fromMs: T0 + 1_000, toMs: T0 + 3_600_001 });
    expect(parseExtent(recorded('extent-no-index'))).toBeNull();
  });
});
