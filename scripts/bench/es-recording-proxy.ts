import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { freePort } from './free-port';

/** The answer's bytes as Elasticsearch meant them (it compresses when the client accepts it). */
function decoded(body: Buffer, encoding: string | undefined): Buffer {
  try {
    if (encoding === 'gzip') return gunzipSync(body);
    if (encoding === 'deflate') return inflateSync(body);
  } catch {
    return Buffer.alloc(0);
  }
  return body;
}

/** One request the server sent to Elasticsearch, as the proxy saw it. */
export type RecordedRequest = {
  method: string;
  path: string;
  body: unknown;
  status: number;
  startMs: number;
  endMs: number;
  responseBytes: number;
  /** Elasticsearch's own `took` (ms) when the answer has one. */
  tookMs: number | null;
};

/**
 * A pass-through HTTP proxy between the hopscope server and Elasticsearch that records every
 * request with its timing (per-request timings of one API answer, without touching the backend).
 * It also remembers which index each point in time was opened on, so a recorded search can be
 * re-run with the profile API after the point in time is gone.
 */
export class RecordingProxy {
  private server: Server | null = null;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private recorded: RecordedRequest[] = [];
  readonly pitIndices = new Map<string, string>();
  url = '';

  constructor(private readonly target: string) {}

  async start(): Promise<this> {
    const port = await freePort();
    this.server = createServer((incoming, outgoing) => this.forward(incoming, outgoing));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  /** The requests recorded since the last call, oldest first. */
  take(): RecordedRequest[] {
    const taken = this.recorded;
    this.recorded = [];
    return taken;
  }

  async close(): Promise<void> {
    this.agent.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private forward(incoming: IncomingMessage, outgoing: ServerResponse): void {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const requestBody = Buffer.concat(chunks);
      const startMs = performance.now();
      const target = new URL(incoming.url ?? '/', this.target);
      const headers = { ...incoming.headers, host: target.host };
      const upstream = httpRequest(target, { method: incoming.method, headers, agent: this.agent }, (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        const responseChunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => {
          responseChunks.push(chunk);
          outgoing.write(chunk);
        });
        response.on('end', () => {
          outgoing.end();
          this.record(incoming, requestBody, response.statusCode ?? 0, startMs, decoded(Buffer.concat(responseChunks), response.headers['content-encoding']));
        });
      });
      upstream.on('error', (error) => {
        outgoing.writeHead(502, { 'content-type': 'text/plain' });
        outgoing.end(`proxy: ${error.message}`);
      });
      upstream.end(requestBody);
    });
  }

  private record(incoming: IncomingMessage, requestBody: Buffer, status: number, startMs: number, responseBody: Buffer): void {
    const endMs = performance.now();
    const path = incoming.url ?? '/';
    let body: unknown = null;
    try {
      body = requestBody.length > 0 ? JSON.parse(requestBody.toString('utf8')) : null;
    } catch {
      body = null;
    }
    // Only the head of a large answer is read: `took` comes first (after `pit_id`, which can be long).
    const head = responseBody.subarray(0, 4_096).toString('utf8');
    const took = /"took"\s*:\s*(\d+)/.exec(head);
    if (/\/_pit(\?|$)/.test(path) && incoming.method === 'POST') {
      const id = /"id"\s*:\s*"([^"]+)"/.exec(responseBody.toString('utf8'))?.[1];
      if (id) this.pitIndices.set(id, decodeURIComponent(path.split('/')[1] ?? ''));
    }
    this.recorded.push({ method: incoming.method ?? 'GET', path, body, status, startMs, endMs, responseBytes: responseBody.length, tookMs: took ? Number(took[1]) : null });
  }
}
