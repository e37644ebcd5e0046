import { describe, expect, it } from 'vitest';
import { parseNginxJsonLine, repairNginxJson } from './nginx-json-repair';

// log_format j escape=json '{"time":"$time_iso8601","request_time":$request_time,"upstream_connect_time":$upstream_connect_time,
//   "upstream_response_time":$upstream_response_time,"upstream_addr":"$upstream_addr","upstream_status":$upstream_status}';
const line = (connect: string, response: string, status: string) =>
  `{"time":"2020-11-19T02:00:00+00:00","request_time":0.300,"upstream_connect_time":${connect},"upstream_response_time":${response},"upstream_addr":"10.0.0.1:80, 10.0.0.2:80","upstream_status":${status}}`;

describe('repairNginxJson', () => {
  it('leaves a JSON line as it is', () => {
    const valid = line('0.001', '0.299', '200');
    expect(repairNginxJson(valid)).toBe(valid);
    expect(repairNginxJson('{"a":true,"b":null,"c":-1.5e3,"d":[1,2],"e":{"f":"x:y, z"}}')).toBe('{"a":true,"b":null,"c":-1.5e3,"d":[1,2],"e":{"f":"x:y, z"}}');
  });

  it('quotes what nginx prints bare: "-", several attempts, an internal redirect, an address', () => {
    expect(JSON.parse(repairNginxJson(line('-', '-', '-'))!)).toMatchObject({ upstream_connect_time: '-', upstream_response_time: '-', upstream_status: '-', request_time: 0.3 });
    expect(JSON.parse(repairNginxJson(line('0.000, 0.001', '0.100, 0.199', '502, 200'))!)).toMatchObject({
      upstream_connect_time: '0.000, 0.001',
      upstream_response_time: '0.100, 0.199',
      upstream_status: '502, 200',
    });
    expect(JSON.parse(repairNginxJson(line('0.001 : 0.002', '0.010 : 0.020', '302 : 200'))!)).toMatchObject({ upstream_connect_time: '0.001 : 0.002', upstream_status: '302 : 200' });
    expect(JSON.parse(repairNginxJson('{"upstream_addr":10.0.0.1:80, unix:/run/app.sock, "x": 1 }')!)).toEqual({ upstream_addr: '10.0.0.1:80, unix:/run/app.sock', x: 1 });
  });

  it('keeps the spaces and the values around a bare value, and reads nested objects', () => {
    expect(repairNginxJson('{"a":,"b":1}')).toBe('{"a":"","b":1}');
    expect(repairNginxJson('{ "a" : - , "b" : {"c": 0.1 : 0.2}, "d":"-"}')).toBe('{ "a" : "-" , "b" : {"c": "0.1 : 0.2"}, "d":"-"}');
  });

  it('does not touch colons, commas and braces inside strings', () => {
    expect(repairNginxJson('{"path":"/a:b,\\"c\\":-}","t":-}')).toBe('{"path":"/a:b,\\"c\\":-}","t":"-"}');
  });

  it("decodes nginx's default \\xHH escaping (a template without escape=json), UTF-8 included, and leaves JSON's own escapes", () => {
    // The user agent held a quote and "é" (two bytes); the path a backslash.
    const line = String.raw`{"agent":"say \x22hi\x22 caf\xC3\xA9","path":"/a\x5Cb","request_time":0.001}`;
    expect(JSON.parse(repairNginxJson(line)!)).toEqual({ agent: 'say "hi" café', path: '/a\\b', request_time: 0.001 });
    const json = String.raw`{"agent":"say \"hi\" \\x22","t":1}`;
    expect(repairNginxJson(json)).toBe(json);
    expect(repairNginxJson(String.raw`{"a":"\q"}`)).toBeNull();
  });

  it('gives up on what cannot be told apart', () => {
    expect(repairNginxJson('{"a":0.1, 0.2')).toBeNull();
    expect(repairNginxJson('{"a":x"y,"b":1}')).toBeNull();
    expect(repairNginxJson('{"a":"unclosed}')).toBeNull();
    expect(repairNginxJson('{"a":tab\there,"b":1}')).toBeNull();
  });
});

describe('parseNginxJsonLine', () => {
  it('says whether the repair was needed, and refuses what is no object either way', () => {
    expect(parseNginxJsonLine('{"a":1}')).toEqual({ doc: { a: 1 }, repaired: false });
    expect(parseNginxJsonLine('{"a":-}')).toEqual({ doc: { a: '-' }, repaired: true });
    expect(parseNginxJsonLine('10.0.0.1 - - [19/Nov/2020:02:00:00 +0000] "GET / HTTP/1.1" 200')).toBeNull();
    expect(parseNginxJsonLine('{"a":1,,"b":2}')).toBeNull();
    expect(parseNginxJsonLine('[1, 2]')).toBeNull();
  });
});
