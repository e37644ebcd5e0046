import { EDGE_DOCS, INGRESS_DOCS } from '@/lib/backends/contract/fixture';
import { useTierFilesAsProcessBackend, writeTierFiles } from './ndjson-files';

/**
 * Points the process backend at the contract fixture on the embedded store, so route handlers
 * can be called as Next.js would call them.
 */
export function useFixtureBackend(): void {
  useTierFilesAsProcessBackend(writeTierFiles(EDGE_DOCS, INGRESS_DOCS));
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
