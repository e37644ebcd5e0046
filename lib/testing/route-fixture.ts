import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EDGE_DOCS, INGRESS_DOCS } from '@/lib/backends/contract/fixture';

/**
 * Points the process backend at the contract fixture on the embedded store, so route handlers
 * can be called as Next.js would call them.
 */
export function useFixtureBackend(): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'hopscope-routes-'));
  const toNdjson = (docs: object[]) => docs.map((doc) => JSON.stringify(doc)).join('\n') + '\n';
  writeFileSync(path.join(dir, 'edge.ndjson'), toNdjson(EDGE_DOCS));
  writeFileSync(path.join(dir, 'ingress.ndjson'), toNdjson(INGRESS_DOCS));
  process.env.HOPSCOPE_BACKEND = 'duckdb';
  process.env.HOPSCOPE_EDGE_FILES = path.join(dir, 'edge.ndjson');
  process.env.HOPSCOPE_INGRESS_FILES = path.join(dir, 'ingress.ndjson');
  delete (globalThis as { hopscopeBackend?: unknown }).hopscopeBackend;
}

/** Calls a route's GET handler with a URL and optional dynamic params; returns status and JSON. */
export async function callRoute<Params>(
  handler: (request: Request, context: { params: Promise<Params> }) => Promise<Response>,
  url: string,
  params?: Params,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary JSON bodies
): Promise<{ status: number; body: any }> {
  const response = await handler(new Request(new URL(url, 'http://localhost')), { params: Promise.resolve(params ?? ({} as Params)) });
  return { status: response.status, body: await response.json() };
}
