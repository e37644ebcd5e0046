import { describe, expect, it } from 'vitest';
import { formatVariables, LogFormatError, parseLogFormat } from './log-format';

describe('parseLogFormat', () => {
  it('parses a bare format into literals and variables', () => {
    expect(parseLogFormat('[$time_local] "${request}" $status')).toEqual({
      escape: 'default',
      segments: [
        { kind: 'literal', text: '[' },
        { kind: 'variable', name: 'time_local' },
        { kind: 'literal', text: '] "' },
        { kind: 'variable', name: 'request' },
        { kind: 'literal', text: '" ' },
        { kind: 'variable', name: 'status' },
      ],
    });
  });

  it('accepts the whole directive as pasted from nginx.conf, quoted parts joined', () => {
    const format = parseLogFormat(`log_format timed escape=json '$remote_addr "$request" '\n    '$request_time';`);
    expect(format.escape).toBe('json');
    expect(formatVariables(format)).toEqual(['remote_addr', 'request', 'request_time']);
    expect(format.segments[1]).toEqual({ kind: 'literal', text: ' "' });
  });

  it('honours escape= without the directive name, as copied from the middle of it', () => {
    const format = parseLogFormat(`escape=json '{"time":"$time_iso8601",' '"request_time":$request_time}';`);
    expect(format.escape).toBe('json');
    expect(format.segments[0]).toEqual({ kind: 'literal', text: '{"time":"' });
    expect(format.segments.at(-1)).toEqual({ kind: 'literal', text: '}' });
  });

  it('refuses a format without variables or with an unclosed quote', () => {
    expect(() => parseLogFormat('just text')).toThrow(LogFormatError);
    expect(() => parseLogFormat("'$status")).toThrow('not closed');
  });
});
