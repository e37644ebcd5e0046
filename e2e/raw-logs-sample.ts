import path from 'node:path';
import { INGRESS_NODES } from '@/scripts/sample/sample-catalog';
import { SAMPLE_EDGE_LOG_FORMAT, SAMPLE_INGRESS_LOG_FORMAT } from '@/scripts/sample/text-lines';

/** The sample incident as raw nginx text logs, written by the global setup (generate-sample --text). */
export const RAW_SAMPLE_DIR = path.resolve(__dirname, '..', '.data', 'sample-text');

/** An ingress log file that is never there, for the missing-file server. */
export const MISSING_INGRESS_LOG = path.join(RAW_SAMPLE_DIR, 'gone', 'ingress.log');

/**
 * The raw-logs server's environment: the edge in the sample's custom log_format, each ingress
 * node's file in the ingress-nginx format plus $upstream_connect_time, named with its host since
 * that format has no $hostname.
 */
export function rawLogsEnv(): Record<string, string> {
  return {
    HOPSCOPE_BACKEND: 'duckdb',
    HOPSCOPE_EDGE_FILES: path.join(RAW_SAMPLE_DIR, 'edge.log'),
    HOPSCOPE_EDGE_FORMAT: SAMPLE_EDGE_LOG_FORMAT,
    HOPSCOPE_INGRESS_FILES: INGRESS_NODES.map((node) => `${node.name}=${path.join(RAW_SAMPLE_DIR, `${node.name}.access.log`)}`).join(','),
    HOPSCOPE_INGRESS_FORMAT: SAMPLE_INGRESS_LOG_FORMAT,
  };
}
