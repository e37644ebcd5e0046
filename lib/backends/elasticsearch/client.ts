import 'server-only';
import { readFileSync } from 'node:fs';
import { Client, type ClientOptions } from '@elastic/elasticsearch';
import { AppError } from '@/lib/server/core/errors';

export type ElasticsearchConnection = {
  url: string;
  apiKey?: string;
  username?: string;
  password?: string;
  /** PEM file of the CA that signed the cluster's certificate. */
  caCertPath?: string;
  requestTimeoutMs: number;
};

/**
 * Client options: one node URL, no sniffing (proxies and cloud endpoints hide the nodes), and no
 * retries of the client's own: the session retries 429 and 503 with backoff (retry.ts).
 */
export function buildClientOptions(connection: ElasticsearchConnection, readCa: (path: string) => Buffer = readFileSync): ClientOptions {
  const auth = connection.apiKey
    ? { apiKey: connection.apiKey }
    : connection.username
      ? { username: connection.username, password: connection.password ?? '' }
      : undefined;
  let ca: Buffer | undefined;
  if (connection.caCertPath) {
    try {
      ca = readCa(connection.caCertPath);
    } catch (error) {
      throw new AppError('config_error', `cannot read ES_CA_CERT ${connection.caCertPath}: ${(error as Error).message}`);
    }
  }
  return {
    node: connection.url,
    auth,
    tls: ca ? { ca } : undefined,
    requestTimeout: connection.requestTimeoutMs,
    maxRetries: 0,
    sniffOnStart: false,
    sniffInterval: false,
    sniffOnConnectionFault: false,
    name: 'hopscope',
  };
}

export function createElasticsearchClient(connection: ElasticsearchConnection): Client {
  return new Client(buildClientOptions(connection));
}
