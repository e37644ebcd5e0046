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

  it("detects nginx JSON templates whose unquoted variables printed '-' or several attempts, and says so", () => {
    const bare = ['{"request_time":0.3,"upstream_connect_time":-}', '{"request_time":0.3,"upstream_connect_time":0.001, 0.002}', '{"request_time":0.3,"upstream_connect_time":0.001}'];
    // Two of three are not JSON as written: before, no format fitted.
    expect(resolveLogFormat(undefined, bare, 'V')).toEqual({ kind: 'json', repairedJson: true });
    expect(resolveLogFormat('json', bare, 'V')).toEqual({ kind: 'json', repairedJson: true });
    expect(resolveLogFormat('json', [bare[2]!], 'V')).toEqual({ kind: 'json' });
  });

  it('reads the variants real servers write under a preset name', () => {
    const variables = (format: ReturnType<typeof resolveLogFormat>) => (format.kind === 'text' ? format.parser.variables : []);
    // ingress-nginx 0.19–0.24: [$the_real_ip], no alternative upstream.
    const old = '10.0.0.1 - [10.0.0.1] - - [19/Nov/2020:02:00:00 +0000] "GET /a HTTP/1.1" 200 5 "-" "curl/7" 80 0.004 [default-web-80] 10.2.0.5:8080 5 0.004 200 7f3c';
    expect(variables(resolveLogFormat(undefined, [old], 'V'))).toContain('the_real_ip');
    expect(variables(resolveLogFormat('ingress-nginx', [old, old], 'V'))).toContain('the_real_ip');
    // Before 0.10: the brackets held $proxy_add_x_forwarded_for (empty when no header came), and no request id.
    const oldest = '10.0.0.1 - [] - - [19/Nov/2017:02:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/7" 80 0.004 [default-web-80] 10.2.0.5:8080 5 0.004 200';
    const oldestFormat = resolveLogFormat(undefined, [oldest], 'V');
    expect(variables(oldestFormat)).not.toContain('req_id');
    expect(oldestFormat.kind === 'text' && oldestFormat.parser.parse(oldest)).toContain('0.004');
    // The distributions' "main": combined plus "$http_x_forwarded_for".
    expect(variables(resolveLogFormat(undefined, [`${COMBINED_LINE} "203.0.113.7, 10.0.0.2"`], 'V'))).toContain('http_x_forwarded_for');
    // Named but fitting none of its variants: the current form, and the lines count as unreadable.
    expect(variables(resolveLogFormat('ingress-nginx', ['junk'], 'V'))).toContain('proxy_alternative_upstream_name');
  });

  it('quotes the first line and shows how to name the format when nothing fits', () => {
    expect(() => resolveLogFormat(undefined, ['2026-12-06 05:42:28 GET / 200 0.004'], 'HOPSCOPE_INGRESS_FORMAT')).toThrow(
      /first line: "2026-12-06 05:42:28 GET \/ 200 0\.004"\. Give the format with HOPSCOPE_INGRESS_FORMAT=json, combined, ingress-nginx, or your nginx log_format/,
    );
  });
});
