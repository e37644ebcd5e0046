import { describe, expect, it } from 'vitest';
import { wrapText } from './wrap-text';

describe('wrapText', () => {
  it('breaks at spaces within the width, with a hanging indent', () => {
    expect(wrapText('one two three four five', 12, '● ', '  ')).toEqual(['● one two', '  three four', '  five']);
  });

  it('keeps a word longer than the line whole on its own line', () => {
    expect(wrapText('see /var/log/nginx/very-long-access.log now', 16, '  ')).toEqual(['  see', '  /var/log/nginx/very-long-access.log', '  now']);
  });

  it('gives nothing for an empty text', () => {
    expect(wrapText('  ', 10)).toEqual([]);
  });
});
