import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatDemoCommand, shellQuote, toDashboardUrl } from './format-demo-command';

describe('shellQuote', () => {
  it('leaves plain paths and lists alone', () => {
    expect(shellQuote('.data/sample/edge.ndjson')).toBe('.data/sample/edge.ndjson');
    expect(shellQuote('ingress-node-2=/logs/n2/access.log,/logs/n3.log')).toBe('ingress-node-2=/logs/n2/access.log,/logs/n3.log');
  });

  it('single-quotes globs, spaces, dollars and JSON, and an empty word', () => {
    expect(shellQuote('/logs/*.ndjson')).toBe("'/logs/*.ndjson'");
    expect(shellQuote('$remote_addr [$time_local]')).toBe("'$remote_addr [$time_local]'");
    expect(shellQuote('{"requestTime":"rt"}')).toBe(`'{"requestTime":"rt"}'`);
    expect(shellQuote('')).toBe("''");
  });

  it("closes and reopens the quotes around a single quote", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('reads back as the same word in a real shell', () => {
    for (const word of ["it's a $HOME `x` \\ \"y\" *", '/logs/n[12]/*.log', '{"a":"b c"}', '']) {
      const shell = spawnSync('sh', ['-c', `V=${shellQuote(word)}; printf %s "$V"`], { encoding: 'utf8' });
      expect(shell.stdout).toBe(word);
    }
  });
});

describe('formatDemoCommand', () => {
  it('puts the variables before npm run demo, each quoted', () => {
    expect(
      formatDemoCommand([
        ['HOPSCOPE_EDGE_FILES', 'a.ndjson,b.ndjson'],
        ['HOPSCOPE_INGRESS_FILES', '/logs/ingress-*.log'],
        ['HOPSCOPE_INGRESS_FORMAT', '$remote_addr - [$time_local]'],
      ]),
    ).toBe(
      "HOPSCOPE_EDGE_FILES=a.ndjson,b.ndjson HOPSCOPE_INGRESS_FILES='/logs/ingress-*.log' HOPSCOPE_INGRESS_FORMAT='$remote_addr - [$time_local]' npm run demo",
    );
  });
});

describe('toDashboardUrl', () => {
  const resolved = { from: '2020-11-19T02:00:00.331Z', to: '2020-11-19T05:59:59.577Z' };

  it('pins the default window to the resolved instants', () => {
    expect(toDashboardUrl({}, resolved, 'http://localhost:3000')).toBe(
      'http://localhost:3000/?from=2020-11-19T02%3A00%3A00.331Z&to=2020-11-19T05%3A59%3A59.577Z',
    );
  });

  it('pins relative times, keeps absolute ones as written, and carries the filters', () => {
    expect(toDashboardUrl({ from: 'now-2h', to: '2020-11-19T06:00:00Z', app: 'checkout api', bucket: '0.05' }, resolved, 'http://localhost:8080')).toBe(
      'http://localhost:8080/?from=2020-11-19T02%3A00%3A00.331Z&to=2020-11-19T06%3A00%3A00Z&app=checkout+api&bucket=0.05',
    );
  });
});
