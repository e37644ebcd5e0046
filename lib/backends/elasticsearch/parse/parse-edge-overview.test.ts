import { describe, expect, it } from 'vitest';
import { parseEdgeOverview } from './parse-edge-overview';
import { recorded } from './testdata/recorded';

describe('parseEdgeOverview', () => {
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
});
