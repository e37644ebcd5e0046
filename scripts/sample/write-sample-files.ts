import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { generateTraceDocuments, resolveSampleOptions, type SampleOptions, type SampleOptionsInput } from './incident-generator';

export type SampleFilesSummary = {
  options: SampleOptions;
  files: { edge: string; ingress: string };
  lines: { edge: number; ingress: number };
  /** Earliest and latest @timestamp over both files (ISO), null when nothing was written. */
  firstTimestamp: string | null;
  lastTimestamp: string | null;
};

/** Lines are joined into chunks of about this many characters: one write per line would be several times slower. */
const CHUNK_CHARS = 256 * 1024;
/**
 * Bytes a stream may buffer before write() asks us to wait. Several chunks' worth, so the disk
 * writes (on libuv's thread pool) overlap with generating the next chunks; with the default
 * 16 KiB every chunk would wait for the previous one. Memory stays bounded by this per file.
 */
const STREAM_BUFFER_BYTES = 8 * 1024 * 1024;

/** Buffers lines and writes them in chunks, waiting for 'drain' whenever the stream's buffer is full. */
class NdjsonSink {
  lines = 0;
  private pending: string[] = [];
  private pendingChars = 0;
  private error: Error | null = null;

  constructor(private readonly stream: WriteStream) {
    // An error between writes (disk full) would otherwise be an unhandled 'error' event.
    stream.on('error', (error) => {
      this.error = error;
    });
  }

  /** Queues a line; returns a promise only when a chunk went out and the stream asked us to wait. */
  add(document: object): Promise<void> | undefined {
    if (this.error) throw this.error;
    const line = JSON.stringify(document);
    this.pending.push(line);
    this.pendingChars += line.length + 1;
    this.lines += 1;
    return this.pendingChars >= CHUNK_CHARS ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = `${this.pending.join('\n')}\n`;
    this.pending = [];
    this.pendingChars = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}

/**
 * Streams a sample to `<outDir>/edge.ndjson` and `<outDir>/ingress.ndjson`, one document a line,
 * in bounded memory. Files are written under a temporary name and renamed at the end, so a
 * reader never picks up half a sample after a crash.
 */
export async function writeSampleFiles(outDir: string, input: SampleOptionsInput = {}): Promise<SampleFilesSummary> {
  const options = resolveSampleOptions(input);
  await mkdir(outDir, { recursive: true });
  const files = { edge: path.join(outDir, 'edge.ndjson'), ingress: path.join(outDir, 'ingress.ndjson') };
  const temporary = { edge: `${files.edge}.partial`, ingress: `${files.ingress}.partial` };
  const edgeStream = createWriteStream(temporary.edge, { highWaterMark: STREAM_BUFFER_BYTES });
  const ingressStream = createWriteStream(temporary.ingress, { highWaterMark: STREAM_BUFFER_BYTES });
  const edge = new NdjsonSink(edgeStream);
  const ingress = new NdjsonSink(ingressStream);
  let firstTimestamp: string | null = null;
  let lastTimestamp: string | null = null;
  // ISO-8601 UTC strings of one format order like the instants they name, so no parsing is needed.
  const track = (timestamp: string): void => {
    if (firstTimestamp === null || timestamp < firstTimestamp) firstTimestamp = timestamp;
    if (lastTimestamp === null || timestamp > lastTimestamp) lastTimestamp = timestamp;
  };

  try {
    for (const trace of generateTraceDocuments(options)) {
      for (const document of trace.edge) {
        track(document['@timestamp']);
        const wait = edge.add(document);
        if (wait) await wait;
      }
      for (const document of trace.ingress) {
        track(document['@timestamp']);
        const wait = ingress.add(document);
        if (wait) await wait;
      }
    }
    await Promise.all([edge.close(), ingress.close()]);
  } catch (error) {
    edgeStream.destroy();
    ingressStream.destroy();
    await Promise.all([rm(temporary.edge, { force: true }), rm(temporary.ingress, { force: true })]);
    throw error;
  }
  await rename(temporary.edge, files.edge);
  await rename(temporary.ingress, files.ingress);
  return { options, files, lines: { edge: edge.lines, ingress: ingress.lines }, firstTimestamp, lastTimestamp };
}
