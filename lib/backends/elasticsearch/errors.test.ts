import { errors, type Client } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_NAMES, sameInBothTiers } from '@/lib/domain/field-names';
import { AppError } from '@/lib/server/core/errors';
import { redactUrl, shardFailureOf, toBackendError, type RequestContext } from './errors';
import { ElasticsearchSession } from './session';

const context: RequestContext = { what: 'listing the traces', url: 'https://user:secret@es.example:9200', indices: ['nginx-*'], timeoutMs: 30_000 };

/** An error answer as the client reports it. */
function responseError(statusCode: number, type: string, reason = ''): errors.ResponseError {
  const body = { error: { root_cause: [{ type, reason }], type, reason }, status: statusCode };
  return new errors.ResponseError({ body, statusCode, headers: {}, warnings: null, meta: {} as never });
}

const mapped = (error: unknown) => toBackendError(error, context) as AppError;

describe('Elasticsearch failures as API errors', () => {
  it('refused credentials: backend_unauthorized, naming the privileges an API key needs', () => {
    for (const status of [401, 403]) {
      const error = mapped(responseError(status, 'security_exception', 'action [indices:data/read/search] is unauthorized'));
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe('backend_unauthorized');
      expect(error.message).toMatch(/read and view_index_metadata index privileges on nginx-\*/);
    }
  });

  it('a missing index: index_not_found', () => {
    expect(mapped(responseError(404, 'index_not_found_exception', 'no such index [nginx-x]')).code).toBe('index_not_found');
  });

  it('timeouts name the query and the limit', () => {
    const error = mapped(new errors.TimeoutError('Request timed out'));
    expect(error.code).toBe('backend_timeout');
    expect(error.message).toBe('Elasticsearch timed out after 30 s on listing the traces (HOPSCOPE_ES_TIMEOUT_MS=30000); narrow the time range or filters');
    expect(mapped(responseError(504, 'timeout')).code).toBe('backend_timeout');
  });

  it('an unreachable node: backend_unavailable, without the credentials of its URL', () => {
    const error = mapped(new errors.ConnectionError('connect ECONNREFUSED 10.0.0.1:9200'));
    expect(error.code).toBe('backend_unavailable');
    expect(error.message).toBe(
      "cannot reach Elasticsearch at https://es.example:9200: connection refused (ECONNREFUSED); is the node running, and is ES_URL's port right?",
    );
    expect(mapped(new errors.ConnectionError('getaddrinfo ENOTFOUND es.example')).message).toMatch(/ENOTFOUND/);
    expect(mapped(responseError(429, 'es_rejected_execution_exception')).code).toBe('backend_unavailable');
  });

  it('anything else: backend_error with the reason', () => {
    const error = mapped(responseError(400, 'illegal_argument_exception', 'Text fields are not optimised'));
    expect(error.code).toBe('backend_error');
    expect(error.message).toBe('Elasticsearch failed listing the traces: illegal_argument_exception: Text fields are not optimised');
  });

  it("the caller's abort passes through as its reason", () => {
    const controller = new AbortController();
    const reason = new Error('client went away');
    controller.abort(reason);
    expect(toBackendError(new errors.RequestAbortedError('aborted'), context, controller.signal)).toBe(reason);
  });

  it('failed shards are reported, a search timed out inside Elasticsearch is an error', () => {
    const failures = [{ index: 'nginx-b', reason: { type: 'no_shard_available_action_exception', reason: null } }];
    expect(shardFailureOf({ _shards: { total: 3, failed: 1, failures } }, context)).toEqual({
      failed: 1,
      total: 3,
      reason: 'no_shard_available_action_exception (index nginx-b)',
    });
    expect(() => shardFailureOf({ timed_out: true }, context)).toThrow(AppError);
    expect(shardFailureOf({ timed_out: false, _shards: { total: 2, failed: 0 } }, context)).toBeNull();
  });

  it('redacts credentials from URLs', () => {
    expect(redactUrl('http://elastic:changeme@127.0.0.1:9200/')).toBe('http://127.0.0.1:9200');
    expect(redactUrl('not a url')).toBe('(invalid URL)');
  });

  it('a session maps the failure of any of its requests', async () => {
    // The only stand-in client: it fails every search as a cluster refusing the API key would.
    const refusing = { search: async () => Promise.reject(responseError(403, 'security_exception', 'unauthorized')) } as unknown as Client;
    const session = new ElasticsearchSession(refusing, {
      url: 'http://es:9200',
      edgeIndex: 'nginx-*',
      ingressIndex: 'ingress-*',
      fields: sameInBothTiers(DEFAULT_FIELD_NAMES),
      requestTimeoutMs: 1000,
    });
    await expect(session.search('edge', 'reading the time extent', { size: 0 })).rejects.toMatchObject({
      code: 'backend_unauthorized',
      message: expect.stringMatching(/^Elasticsearch refused reading the time extent \(HTTP 403: unauthorized\)/),
    });
  });
});
