import { describe, expect, it } from 'vitest';
import { unescapeNginxValue } from './unescape';

describe('unescapeNginxValue', () => {
  it('decodes \\xHH bytes as UTF-8 and leaves other text alone', () => {
    expect(unescapeNginxValue('a\\x22b\\x5Cc', 'default')).toBe('a"b\\c');
    expect(unescapeNginxValue('\\xE2\\x82\\xAC1', 'default')).toBe('€1');
    expect(unescapeNginxValue('plain', 'default')).toBe('plain');
  });

  it('decodes JSON escapes under escape=json and nothing under escape=none', () => {
    expect(unescapeNginxValue('a\\"b\\u00e9\\n', 'json')).toBe('a"bé\n');
    expect(unescapeNginxValue('a\\x22', 'none')).toBe('a\\x22');
  });
});
