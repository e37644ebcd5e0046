import { describe, expect, it } from 'vitest';
import { resolveLogFormat } from './resolve-log-format';

const INGRESS_LINE =
  '10.0.0.5 - - [06/Dec/2026:05:42:28 +0000] "GET / HTTP/1.1" 200 1 "-" "curl/8" 93 0.004 [default-web-80] [] 10.20.0.12:8000 1 0.004 200 abc';
const COMBINED_LINE = '203.0.113.9 - - [06/Dec/2026:05:42:28 +0100] "GET / HTTP/1.1" 200 1 "-" "x"';

describe('resolveLogFormat', () => {
  it('uses the configured format: json, a preset or a log_format', () => {
    expect(resolveLogFormat('json', [INGRESS_LINE], 'V')).toEqual({ kind: 'json' });
    expect(resolveLogFormat('ingress-nginx', [], 'V')).toMatchObject({ kind: 'text', name: 'ingress-nginx' });
    const custom = resolveLogFormat('$msec $request_time', [], 'V');
    expect(custom.kind === 'text' && custom.parser.variables).toEqual(['msec', 'request_time']);
    expect(() => resolveLogFormat('no variables', [], 'HOPSCOPE_EDGE_FORMAT')).toThrow(/^HOPSCOPE_EDGE_FORMAT: the log_format has no \$variable/);
  });

  it('detects JSON and each preset from the first lines, by majority', () => {
    expect(resolveLogFormat(undefined, ['{"a":1}', 'garbage', '{"b":2}'], 'V')).toEqual({ kind: 'json' });
    expect(resolveLogFormat(undefined, [INGRESS_LINE, INGRESS_LINE, 'junk'], 'V')).toMatchObject({ name: 'ingress-nginx' });
    expect(resolveLogFormat(undefined, [COMBINED_LINE], 'V')).toMatchObject({ name: 'combined' });
    expect(resolveLogFormat(undefined, [], 'V')).toEqual({ kind: 'json' });
  });

  it('quotes the first line and shows how to name the format when nothing fits', () => {
    expect(() => resolveLogFormat(undefined, ['2026-12-06 05:42:28 GET / 200 0.004'], 'HOPSCOPE_INGRESS_FORMAT')).toThrow(
      /first line: "2026-12-06 05:42:28 GET \/ 200 0\.004"\. Give the format with HOPSCOPE_INGRESS_FORMAT=json, combined, ingress-nginx, or your nginx log_format/,
    );
  });
});
