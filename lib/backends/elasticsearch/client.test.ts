import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/server/core/errors';
import { buildClientOptions } from './client';

describe('buildClientOptions', () => {
  const base = { url: 'https://es.example:9200', requestTimeoutMs: 30_000 };

  it('one node, no sniffing, the timeout, an API key before a user', () => {
    expect(buildClientOptions({ ...base, apiKey: 'a2V5', username: 'u', password: 'p' })).toEqual({
      node: 'https://es.example:9200',
      auth: { apiKey: 'a2V5' },
      tls: undefined,
      requestTimeout: 30_000,
      maxRetries: 0,
      sniffOnStart: false,
      sniffInterval: false,
      sniffOnConnectionFault: false,
      name: 'hopscope',
    });
    expect(buildClientOptions({ ...base, username: 'reader', password: 'pw' }).auth).toEqual({ username: 'reader', password: 'pw' });
    expect(buildClientOptions(base).auth).toBeUndefined();
  });

  it('reads the CA certificate file, and says which when it cannot', () => {
    const pem = Buffer.from('-----BEGIN CERTIFICATE-----');
    expect(buildClientOptions({ ...base, caCertPath: '/etc/ca.pem' }, () => pem).tls).toEqual({ ca: pem });
    const missing = () => buildClientOptions({ ...base, caCertPath: '/nope.pem' }, () => {
      throw new Error('ENOENT: no such file');
    });
    expect(missing).toThrow(AppError);
    expect(missing).toThrow('cannot read ES_CA_CERT /nope.pem: ENOENT: no such file');
  });
});
