import 'server-only';
import { createReadStream, type ReadStream } from 'node:fs';
import readline from 'node:readline';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { LogSource } from './log-sources';

/** The UTF-8 byte order mark some editors and exporters put at a file's start. */
const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);

/** A file's bytes, decompressed when its name ends in .gz. */
function openBytes(source: LogSource, highWaterMark = 1 << 20): { file: ReadStream; bytes: Readable } {
  const file = createReadStream(source.path, { highWaterMark });
  if (!source.path.endsWith('.gz')) return { file, bytes: file };
  const bytes = file.pipe(createGunzip());
  file.on('error', (error) => bytes.destroy(error));
  return { file, bytes };
}

/** The bytes without a leading byte order mark, which would otherwise make the first line unreadable. */
function withoutByteOrderMark(): Transform {
  let head: Buffer | null = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (head === null) return done(null, chunk);
      head = Buffer.concat([head, chunk]);
      if (head.length < BYTE_ORDER_MARK.length && BYTE_ORDER_MARK.subarray(0, head.length).equals(head)) return done();
      const rest = head.subarray(0, BYTE_ORDER_MARK.length).equals(BYTE_ORDER_MARK) ? head.subarray(BYTE_ORDER_MARK.length) : head;
      head = null;
      done(null, rest);
    },
    flush(done) {
      done(null, head && head.length > 0 ? head : undefined);
    },
  });
}

/** A file's text, decompressed when its name ends in .gz, without a leading byte order mark. */
function openText(source: LogSource): { file: ReadStream; text: Readable } {
  const { file, bytes } = openBytes(source);
  const text = bytes.pipe(withoutByteOrderMark());
  bytes.on('error', (error) => text.destroy(error));
  return { file, text };
}

/** Whether the file starts with a byte order mark (DuckDB's JSON reader would refuse its first line). */
export async function startsWithByteOrderMark(source: LogSource): Promise<boolean> {
  const { file, bytes } = openBytes(source, 1 << 16);
  let head = Buffer.alloc(0);
  try {
    for await (const chunk of bytes) {
      head = Buffer.concat([head, chunk as Buffer]);
      if (head.length >= BYTE_ORDER_MARK.length) break;
    }
  } finally {
    bytes.destroy();
    file.destroy();
  }
  return head.subarray(0, BYTE_ORDER_MARK.length).equals(BYTE_ORDER_MARK);
}

/** A file's lines; `onBytes` gets the stored bytes read, for progress against the files' sizes. */
export function readLines(source: LogSource, onBytes?: (bytes: number) => void): AsyncIterable<string> {
  const { file, text } = openText(source);
  if (onBytes) file.on('data', (chunk) => onBytes(chunk.length));
  return readline.createInterface({ input: text, crlfDelay: Infinity });
}

/** The first non-empty lines of a file, for format detection; reads no further than it needs. */
export async function readFirstLines(source: LogSource, count: number): Promise<string[]> {
  const { file, text } = openText(source);
  const lines: string[] = [];
  try {
    for await (const line of readline.createInterface({ input: text, crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length >= count) break;
    }
  } finally {
    text.destroy();
    file.destroy();
  }
  return lines;
}
