import { describe, expect, it } from 'vitest';
import { COLOR_STYLE, PLAIN_STYLE, shouldColor } from './text-style';

describe('shouldColor', () => {
  it('colours a terminal only, and never when NO_COLOR has a value', () => {
    expect(shouldColor(true, {})).toBe(true);
    expect(shouldColor(false, {})).toBe(false);
    expect(shouldColor(undefined, {})).toBe(false);
    expect(shouldColor(true, { NO_COLOR: '1' })).toBe(false);
    // https://no-color.org: an empty NO_COLOR does not count.
    expect(shouldColor(true, { NO_COLOR: '' })).toBe(true);
  });
});

describe('styles', () => {
  it('wraps text in SGR codes when colouring and leaves it alone otherwise', () => {
    expect(COLOR_STYLE.red('x')).toBe('\u001b[31mx\u001b[0m');
    expect(COLOR_STYLE.bold('x')).toBe('\u001b[1mx\u001b[0m');
    expect(PLAIN_STYLE.red('x')).toBe('x');
  });
});
