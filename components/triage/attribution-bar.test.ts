import { describe, expect, it } from 'vitest';
import type { Attribution } from '@/lib/domain/triage/attribution';
import { toAttributionBar } from './attribution-bar';

const row = (segment: string, label: string, dominantCount: number) => ({ segment, label, dominantCount }) as Attribution['segments'][number];

describe('toAttributionBar', () => {
  it('gives each dominating segment its share of the split slow requests, in segment order', () => {
    const attribution = {
      attributableSlow: 1410,
      segments: [row('edgeOwn', 'inside edge nginx', 0), row('edgeToIngress', 'edge→ingress', 428), row('ingressOwn', 'inside ingress-nginx', 0),
        row('ingressConnect', 'ingress→app connect', 925), row('app', 'app', 57)],
    } as Attribution;
    const parts = toAttributionBar(attribution);
    expect(parts.map((part) => [part.segment, part.count])).toEqual([['edgeToIngress', 428], ['ingressConnect', 925], ['app', 57]]);
    expect(parts[1]!.percent).toBeCloseTo((925 / 1410) * 100, 10);
    expect(parts.reduce((sum, part) => sum + part.percent, 0)).toBeCloseTo(100, 10);
  });

  it('is empty when no slow request could be split', () => {
    expect(toAttributionBar({ attributableSlow: 0, segments: [] } as unknown as Attribution)).toEqual([]);
  });
});
