import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMELINE_MAX_GROUPS } from '@/lib/domain/connect-timeline';
import { SERIES_COLORS, seriesStyle } from './series-styles';

/** WCAG 2 relative luminance and contrast ratio, written out here rather than taken from a library. */
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
};

describe('series styles', () => {
  const all = Array.from({ length: DEFAULT_TIMELINE_MAX_GROUPS + 1 }, (_, index) => seriesStyle(index));

  it('give every series of a timeline (its groups and "(other)") its own dash and marker pair', () => {
    const pairs = new Set(all.map((style) => `${style.dash}|${style.marker}`));
    expect(pairs.size).toBe(all.length);
  });

  it('give every series its own color', () => {
    expect(new Set(all.map((style) => style.color)).size).toBe(all.length);
  });

  it('keep 3:1 contrast on the white page and on the dark page (slate-950)', () => {
    for (const color of SERIES_COLORS) {
      expect(contrast(color, '#ffffff'), color).toBeGreaterThanOrEqual(3);
      expect(contrast(color, '#020617'), color).toBeGreaterThanOrEqual(3);
    }
  });
});
