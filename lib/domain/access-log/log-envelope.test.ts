import { describe, expect, it } from 'vitest';
import { detectEnvelope, unwrapLine } from './log-envelope';

const LINE = '10.0.0.5 - - [06/Dec/2026:05:42:28 +0000] "GET / HTTP/1.1" 200 1 "-" "curl/8" 93 0.004 [default-web-80] [] 10.2.0.5:8080 1 0.004 200 abc';

describe('container runtime envelopes', () => {
  it('unwraps a CRI line (containerd, CRI-O) and a Docker json-file line', () => {
    expect(unwrapLine('cri', `2026-12-06T05:42:28.123456789Z stdout F ${LINE}`)).toBe(LINE);
    expect(unwrapLine('docker-json', JSON.stringify({ log: `${LINE}\n`, stream: 'stdout', time: '2026-12-06T05:42:28.1Z' }))).toBe(LINE);
    expect(unwrapLine('cri', LINE)).toBeNull();
    expect(unwrapLine('docker-json', '{"log": 1, "stream": "stdout"}')).toBeNull();
    expect(unwrapLine('none', LINE)).toBe(LINE);
  });

  it('detects the envelope most lines have, and none for plain lines or ELK documents', () => {
    const cri = `2026-12-06T05:42:28.1Z stdout F ${LINE}`;
    // The controller's own log lines come out on stderr in the same envelope.
    expect(detectEnvelope([cri, cri, '2026-12-06T05:42:28.2Z stderr F I1206 05:42:28.2 7 controller.go:190] "Backend successfully reloaded"'])).toBe('cri');
    expect(detectEnvelope([JSON.stringify({ log: `${LINE}\n`, stream: 'stdout' })])).toBe('docker-json');
    expect(detectEnvelope([LINE, LINE])).toBe('none');
    expect(detectEnvelope([JSON.stringify({ '@timestamp': '2026-12-06T05:42:28Z', trace_id: 'a', request_time: 0.1 })])).toBe('none');
    expect(detectEnvelope([])).toBe('none');
  });
});
