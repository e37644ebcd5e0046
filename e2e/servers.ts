/**
 * The suite's servers (all `next start` of the same build), by name: shared by playwright.config.ts
 * and the specs that talk to more than their own project's server. Ports: HOPSCOPE_E2E_PORT
 * (default 3100) and the next eight.
 */
const basePort = Number(process.env.HOPSCOPE_E2E_PORT ?? 3100);

export const E2E_PORTS = {
  embedded: basePort,
  unreachable: basePort + 1,
  elasticsearch: basePort + 2,
  accessControl: basePort + 3,
  elasticsearchFailures: basePort + 4,
  rawLogs: basePort + 5,
  missingLogFile: basePort + 6,
  /** Started and stopped by snapshot-restart.spec.ts itself. */
  snapshotRestart: basePort + 7,
  /** Elasticsearch with sampled first answers for the sample's small windows (sampled-first-answer.spec.ts). */
  elasticsearchSampled: basePort + 8,
} as const;

export type E2eServer = keyof typeof E2E_PORTS;

export const serverUrl = (server: E2eServer): string => `http://127.0.0.1:${E2E_PORTS[server]}`;
