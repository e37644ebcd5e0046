import { describe, expect, it } from 'vitest';
import { compileLineParser, type LineParser } from './line-parser';
import { parseLogFormat } from './log-format';
import { LOG_FORMAT_PRESETS } from './presets';

/** A parser whose answer is keyed by variable name, to read the expectations. */
const named = (parser: LineParser) => ({
  parse(line: string): Record<string, string> | null {
    const values = parser.parse(line);
    return values && Object.fromEntries(parser.variables.map((name, index) => [name, values[index]!]));
  },
});
const parserOf = (format: string) => named(compileLineParser(parseLogFormat(format)));

describe('compileLineParser', () => {
  it('reads an ingress-nginx line whose upstream variables hold two attempts', () => {
    const parser = parserOf(LOG_FORMAT_PRESETS['ingress-nginx'][0]);
    const line =
      '10.0.0.5 - - [06/Dec/2026:05:42:28 +0000] "GET /api/users?id=1 HTTP/1.1" 200 612 "-" "curl/8.5.0" 93 1.004 ' +
      '[default-user-api-80] [] 10.20.0.12:8000, 10.20.0.13:8000 0, 612 1.000, 0.004 502, 200 4f2a9c0e1b7d4e3f8a6b5c4d3e2f1a0b';
    expect(parser.parse(line)).toEqual({
      remote_addr: '10.0.0.5',
      remote_user: '-',
      time_local: '06/Dec/2026:05:42:28 +0000',
      request: 'GET /api/users?id=1 HTTP/1.1',
      status: '200',
      body_bytes_sent: '612',
      http_referer: '-',
      http_user_agent: 'curl/8.5.0',
      request_length: '93',
      request_time: '1.004',
      proxy_upstream_name: 'default-user-api-80',
      proxy_alternative_upstream_name: '',
      upstream_addr: '10.20.0.12:8000, 10.20.0.13:8000',
      upstream_response_length: '0, 612',
      upstream_response_time: '1.000, 0.004',
      upstream_status: '502, 200',
      req_id: '4f2a9c0e1b7d4e3f8a6b5c4d3e2f1a0b',
    });
  });

  it('reads internal redirects (" : ") and a unix socket address', () => {
    const parser = parserOf('$upstream_addr $upstream_response_time $upstream_status $request_time');
    expect(parser.parse('unix:/run/app.sock : 10.0.0.1:80 0.002 : 0.010 200 : 404 0.013')).toEqual({
      upstream_addr: 'unix:/run/app.sock : 10.0.0.1:80',
      upstream_response_time: '0.002 : 0.010',
      upstream_status: '200 : 404',
      request_time: '0.013',
    });
  });

  it('undoes the default \\xHH escaping inside quotes, UTF-8 included', () => {
    const parser = parserOf(LOG_FORMAT_PRESETS.combined[0]);
    const line = '203.0.113.9 - alice [06/Dec/2026:05:42:28 +0100] "GET /search?q=\\x22caf\\xC3\\xA9\\x22 HTTP/1.1" 404 153 "-" "Mozilla/5.0 (X11; Linux x86_64)"';
    expect(parser.parse(line)).toMatchObject({ request: 'GET /search?q="café" HTTP/1.1', http_user_agent: 'Mozilla/5.0 (X11; Linux x86_64)', remote_user: 'alice' });
  });

  it('reads escape=json values with escaped quotes', () => {
    const parser = named(compileLineParser(parseLogFormat(`log_format j escape=json '"$http_user_agent" $status';`)));
    expect(parser.parse('"say \\"hi\\"" 200')).toEqual({ http_user_agent: 'say "hi"', status: '200' });
  });

  it('splits adjacent variables where the host ends and the path starts', () => {
    expect(parserOf('url=$host$request_uri t=$request_time').parse('url=api.example.com:8443/v1/a?b=1 t=0.100')).toEqual({
      host: 'api.example.com:8443',
      request_uri: '/v1/a?b=1',
      request_time: '0.100',
    });
  });

  it('refuses a line of another format instead of guessing', () => {
    const parser = parserOf(LOG_FORMAT_PRESETS['ingress-nginx'][0]);
    expect(parser.parse('203.0.113.9 - - [06/Dec/2026:05:42:28 +0100] "GET / HTTP/1.1" 200 1 "-" "x"')).toBeNull();
    expect(parser.parse('')).toBeNull();
  });

  it('keeps the first value of a variable written twice', () => {
    expect(parserOf('$request_time $status $request_time').parse('0.001 200 0.002')).toEqual({ request_time: '0.001', status: '200' });
  });
});
