import 'server-only';
import { createReadStream } from 'node:fs';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { LogSource } from './log-sources';

/** A file's lines as text, decompressed when its name ends in .gz; `onBytes` gets the stored bytes read. */
export function readLines(source: LogSource, onBytes?: (bytes: number) => void): AsyncIterable<string> {
  const file = createReadStream(source.path, { highWaterMark: 1 << 20 });
  if (onBytes) file.on('data', (chunk) => onBytes(chunk.length));
  const input: Readable = source.path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  if (input !== file) file.on('error', (error) => input.destroy(error));
  return readline.createInterface({ input, crlfDelay: Infinity });
}

/** The first non-empty lines of a file, for format detection; reads no further than it needs. */
export async function readFirstLines(source: LogSource, count: number): Promise<string[]> {
  const lines: string[] = [];
  const iterator = readLines(source);
  for await (const line of iterator) {
    if (line.trim() === '') continue;
    lines.push(line);
    if (lines.length >= count) break;
  }
  return lines;
}
