import { describe, expect, it } from 'vitest';
import { dominantSegment, toSegmentValues } from './segments';

describe('toSegmentValues', () => {
  it('takes the five segments of computeSegments and leaves out the edge connect (part of edge→ingress)', () => {
    expect(
      toSegmentValues({ edgeOwnMs: 1, edgeToIngressMs: 2499, edgeConnectMs: 0, ingressOwnMs: 1, ingressConnectMs: 995, appMs: 4 }),
    ).toEqual({ edgeOwn: 1, edgeToIngress: 2499, ingressOwn: 1, ingressConnect: 995, app: 4 });
  });

  it('is null when any segment is missing', () => {
    expect(toSegmentValues({ edgeOwnMs: 0, edgeToIngressMs: 0, edgeConnectMs: 1, ingressOwnMs: null, ingressConnectMs: null, appMs: null })).toBeNull();
  });
});

describe('dominantSegment', () => {
  it('picks the largest, and the first in order on a tie', () => {
    expect(dominantSegment({ edgeOwn: 1, edgeToIngress: 1002, ingressOwn: 1, ingressConnect: 1, app: 45 })).toBe('edgeToIngress');
    expect(dominantSegment({ edgeOwn: 0, edgeToIngress: 500, ingressOwn: 0, ingressConnect: 500, app: 500 })).toBe('edgeToIngress');
    expect(dominantSegment({ edgeOwn: -1, edgeToIngress: -2, ingressOwn: -3, ingressConnect: -4, app: -5 })).toBe('edgeOwn');
  });
});
