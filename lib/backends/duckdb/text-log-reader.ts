import 'server-only';
import { createReadStream, type ReadStream } from 'node:fs';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { LogSource } from './log-sources';

/** A file's bytes as text, decompressed when its name ends in .gz. */
function openText(source: LogSource): { file: ReadStream; text: Readable } {
  const file = createReadStream(source.path, { highWaterMark: 1 << 20 });
  if (!source.path.endsWith('.gz')) return { file, text: file };
  const text = file.pipe(createGunzip());
  file.on('error', (error) => text.destroy(error));
  return { file, text };
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
