import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A second Elasticsearch node that one test suite starts, breaks and stops by itself, never the
 * shared node of ES_URL. It is scripts/elasticsearch.sh with its own home (under /var/tmp, where
 * the node's system user can reach it when the tests run as root, keyed by the repository so two
 * clones never share one) and its own port range, from 9320.
 */
export type OwnNode = { url: string; stop(): Promise<void> };

const repositoryRoot = path.resolve(__dirname, '..');
const SCRIPT = path.join(repositoryRoot, 'scripts/elasticsearch.sh');

function ownNodeEnv(): NodeJS.ProcessEnv {
  const key = createHash('sha1').update(repositoryRoot).digest('hex').slice(0, 10);
  return {
    ...process.env,
    ES_PORT: process.env.HOPSCOPE_OWN_ES_PORT ?? '9320',
    ES_HEAP: '512m',
    ES_HOME: path.join('/var/tmp/hopscope-es-own-node', key, process.env.ES_VERSION ?? '8.19.18'),
  };
}

/** Starts the suite's own node (unpacking the distribution the first time) and waits for yellow health. */
export async function startOwnNode(): Promise<OwnNode> {
  const env = ownNodeEnv();
  const { stdout } = await run('bash', [SCRIPT, 'start'], { env, maxBuffer: 10 * 1024 * 1024 });
  const url = /^ES_URL=(\S+)$/m.exec(stdout)?.[1];
  if (!url) throw new Error(`scripts/elasticsearch.sh start printed no ES_URL: ${stdout}`);
  let stopped = false;
  return {
    url,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await run('bash', [SCRIPT, 'stop'], { env });
    },
  };
}
