import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { generateTraceDocuments, resolveSampleOptions, type SampleOptions, type SampleOptionsInput } from './incident-generator';
import { toEdgeTextLine, toIngressTextLine } from './text-lines';

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
class LineSink {
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
  add(line: string): Promise<void> | undefined {
    if (this.error) throw this.error;
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
  const edge = new LineSink(edgeStream);
  const ingress = new LineSink(ingressStream);
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
        const wait = edge.add(JSON.stringify(document));
        if (wait) await wait;
      }
      for (const document of trace.ingress) {
        track(document['@timestamp']);
        const wait = ingress.add(JSON.stringify(document));
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

export type SampleTextFilesSummary = {
  edgeFile: string;
  /** One file per ingress node, keyed by the node's name: the ingress format has no $hostname. */
  ingressFiles: Record<string, string>;
  lines: { edge: number; ingress: number };
};

/**
 * Streams the same sample as raw access-log text: `<outDir>/edge.log` in SAMPLE_EDGE_LOG_FORMAT and
 * `<outDir>/<node>.access.log` per node in SAMPLE_INGRESS_LOG_FORMAT (text-lines.ts), from the
 * very documents the NDJSON form holds.
 */
export async function writeSampleTextFiles(outDir: string, input: SampleOptionsInput = {}): Promise<SampleTextFilesSummary> {
  const options = resolveSampleOptions(input);
  await mkdir(outDir, { recursive: true });
  const edgeFile = path.join(outDir, 'edge.log');
  const streams: WriteStream[] = [];
  const open = (file: string) => {
    const stream = createWriteStream(`${file}.partial`, { highWaterMark: STREAM_BUFFER_BYTES });
    streams.push(stream);
    return new LineSink(stream);
  };
  const edge = open(edgeFile);
  const ingressFiles: Record<string, string> = {};
  const ingress = new Map<string, LineSink>();
  const ingressSink = (node: string): LineSink => {
    let sink = ingress.get(node);
    if (!sink) {
      ingressFiles[node] = path.join(outDir, `${node}.access.log`);
      sink = open(ingressFiles[node]);
      ingress.set(node, sink);
    }
    return sink;
  };
  let ingressLines = 0;
  const partials = () => [edgeFile, ...Object.values(ingressFiles)].map((file) => `${file}.partial`);
  try {
    for (const trace of generateTraceDocuments(options)) {
      for (const document of trace.edge) {
        const wait = edge.add(toEdgeTextLine(document));
        if (wait) await wait;
      }
      for (const document of trace.ingress) {
        ingressLines += 1;
        const wait = ingressSink(document['@source']).add(toIngressTextLine(document));
        if (wait) await wait;
      }
    }
    await Promise.all([edge, ...ingress.values()].map((sink) => sink.close()));
  } catch (error) {
    for (const stream of streams) stream.destroy();
    await Promise.all(partials().map((file) => rm(file, { force: true })));
    throw error;
  }
  for (const file of [edgeFile, ...Object.values(ingressFiles)]) await rename(`${file}.partial`, file);
  return { edgeFile, ingressFiles, lines: { edge: edge.lines, ingress: ingressLines } };
}
