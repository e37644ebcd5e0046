import { parseJsonObjectLine } from './json-object-line';

/**
 * The wrapping a container runtime puts around each line a container writes, when the access log
 * is read from a node's files rather than from `kubectl logs`:
 * - `cri` (containerd, CRI-O; /var/log/containers/*.log): `<RFC 3339 time> stdout|stderr F|P <line>`;
 * - `docker-json` (Docker's json-file driver): `{"log":"<line>\n","stream":"stdout","time":"…"}`.
 * Unwrapped, the line is read by the tier's format as if nginx had written it to a file.
 */
export type LogEnvelope = 'none' | 'cri' | 'docker-json';

const CRI_PREFIX = /^\d{4}-\d{2}-\d{2}T\S+ (?:stdout|stderr) [FP] /;

function dockerLog(line: string): string | null {
  if (!line.includes('"log"')) return null;
  const { log, stream } = parseJsonObjectLine(line) ?? {};
  return typeof log === 'string' && typeof stream === 'string' ? log.replace(/\r?\n$/, '') : null;
}

/** The line inside the envelope; null when the line is not wrapped as the envelope says. */
export function unwrapLine(envelope: LogEnvelope, line: string): string | null {
  if (envelope === 'none') return line;
  if (envelope === 'cri') {
    const prefix = CRI_PREFIX.exec(line);
    return prefix ? line.slice(prefix[0].length) : null;
  }
  return dockerLog(line);
}

/** The envelope most of the first lines have, or `none`. */
export function detectEnvelope(firstLines: readonly string[]): LogEnvelope {
  const needed = Math.ceil(firstLines.length / 2);
  if (needed === 0) return 'none';
  for (const envelope of ['cri', 'docker-json'] as const) {
    if (firstLines.filter((line) => unwrapLine(envelope, line) !== null).length >= needed) return envelope;
  }
  return 'none';
}
