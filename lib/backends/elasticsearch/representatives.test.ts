import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES } from '@/lib/domain/field-names';
import { countDocuments, groupTuplesByTrace, pickRepresentative, toTupleDocument } from './representatives';

const SOURCES = { timestamp: 'timestamp', requestTime: 'request_time', upstreamResponseTime: 'upstream_response_time' };
const tuple = (trace_id: string, timestamp: number, request_time: string | number | null, upstream_response_time: string | null, count = 1) => ({
  values: { trace_id, timestamp, request_time, upstream_response_time },
  count,
});

describe('representatives from aggregated tuples', () => {
  it('rebuilds a document under the configured names, leaving absent values out', () => {
    const fields = { ...DEFAULT_FIELD_NAMES, requestTime: 'nginx.request_time' };
    expect(toTupleDocument(tuple('a', 5, '0.100', null), SOURCES, fields)).toEqual({ trace_id: 'a', '@timestamp': 5, 'nginx.request_time': '0.100' });
  });

  it('groups by trace; invalid documents keep their field and reason', () => {
    const traces = groupTuplesByTrace(
      [tuple('a', 10, 'abc', '-'), tuple('a', 13, '0.098', '0.095'), tuple('b', 20, '-', '-', 2), tuple('c', 30, 2.299999952316284, null, 3)],
      'ingress',
      SOURCES,
      DEFAULT_FIELD_NAMES,
    );
    expect([...traces.keys()]).toEqual(['a', 'b', 'c']);
    expect(traces.get('a')!.invalid).toEqual([{ field: 'requestTime', reason: 'unparsable', count: 1 }]);
    expect(traces.get('a')!.valid.map(({ document }) => document.requestTimeMs)).toEqual([98]);
    expect(traces.get('b')).toEqual({ valid: [], invalid: [{ field: 'requestTime', reason: 'missing', count: 2 }] });
    expect(traces.get('c')!.valid[0]).toMatchObject({ count: 3, document: { requestTimeMs: 2300, responseTotalMs: null } });
    expect(countDocuments(traces.get('c')!.valid)).toBe(3);
  });

  it('picks the largest request_time, then the latest, then the largest upstream time; full ties by content', () => {
    const [trace] = groupTuplesByTrace(
      [
        tuple('a', 50, '0.340', '0.300'),
        tuple('a', 51, '0.340', '0.300'),
        tuple('a', 51, '0.340', '0.320'),
        tuple('a', 51, '0.330', '0.329'),
        tuple('a', 52, '0.100', '-'),
      ],
      'ingress',
      SOURCES,
      DEFAULT_FIELD_NAMES,
    ).values();
    expect(pickRepresentative(trace!.valid)).toMatchObject({ requestTimeMs: 340, timestampMs: 51, responseTotalMs: 320 });
    // Same request_time, @timestamp and upstream time: the choice does not depend on the order.
    const tied = [...groupTuplesByTrace([tuple('t', 1, '0.1', '0.1'), tuple('t', 1, '0.100', '0.1')], 'ingress', SOURCES, DEFAULT_FIELD_NAMES).values()][0]!;
    const reversed = { ...tied, valid: [...tied.valid].reverse() };
    expect(pickRepresentative(tied.valid)!.raw).toEqual(pickRepresentative(reversed.valid)!.raw);
    expect(pickRepresentative([])).toBeNull();
  });
});
