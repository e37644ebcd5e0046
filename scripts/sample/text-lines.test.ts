import { describe, expect, it } from 'vitest';
import { unescapeNginxValue } from '@/lib/domain/access-log/unescape';
import { escapeNginxValue, toMsec, toTimeLocal } from './text-lines';

describe('the sample as nginx writes text', () => {
  it('escapes as nginx does by default, and the reader undoes it', () => {
    expect(escapeNginxValue('Mozilla/5.0 (X11)')).toBe('Mozilla/5.0 (X11)');
    expect(escapeNginxValue('say "hi" \\ café')).toBe('say \\x22hi\\x22 \\x5C caf\\xC3\\xA9');
    for (const text of ['say "hi" \\ café', 'tab\there', '€ 1']) expect(unescapeNginxValue(escapeNginxValue(text), 'default')).toBe(text);
  });

  it('prints $time_local in whole seconds and $msec to the millisecond', () => {
    const ms = Date.UTC(2020, 10, 19, 2, 0, 3, 207);
    expect(toTimeLocal(ms)).toBe('19/Nov/2020:02:00:03 +0000');
    expect(toMsec(ms)).toBe('1605751203.207');
    expect(toMsec(Date.UTC(2020, 10, 19, 2, 0, 3, 5))).toBe('1605751203.005');
  });
});
