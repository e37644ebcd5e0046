import { describe, expect, it } from 'vitest';
import type { TriageBackend } from '@/lib/backends/triage-types';
import type { LatencyBackend } from '@/lib/backends/types';
import { AppError } from '@/lib/server/errors';
import { getTriageBackend } from './triage-backend';

const stub = (kind: LatencyBackend['kind'], extra: object = {}) => ({ kind, ...extra }) as unknown as LatencyBackend;

describe('getTriageBackend', () => {
  it('uses the triage verbs the backend carries', async () => {
    const triage = { kind: 'elasticsearch' } as TriageBackend;
    expect(await getTriageBackend(stub('elasticsearch', { triage }))).toBe(triage);
  });

  it('refuses a backend without triage verbs other than the embedded store, as a backend error (502)', async () => {
    const error = await getTriageBackend(stub('elasticsearch')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect([(error as AppError).code, (error as AppError).status]).toEqual(['backend_error', 502]);
  });
});
