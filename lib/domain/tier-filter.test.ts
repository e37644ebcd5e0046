import { describe, expect, it } from 'vitest';
import { describeTierFilter, tierFilterSchema } from './tier-filter';

describe('tier filters', () => {
  it('accepts values, lists of values and null (absent), and says them', () => {
    const filter = tierFilterSchema.parse({ 'event.dataset': 'nginx.access', tier: ['ingress', 'k8s'], 'kubernetes.namespace': null, internal: false, port: 443 });
    expect(describeTierFilter(filter)).toBe('event.dataset = nginx.access and tier ∈ {ingress, k8s} and kubernetes.namespace absent and internal = false and port = 443');
  });

  it('refuses what is not a field and a value', () => {
    for (const bad of [{ '': 'x' }, { tier: '' }, { tier: [] }, { tier: { term: 'x' } }, { tier: [['x']] }, ['tier'], 'tier:edge']) {
      expect(tierFilterSchema.safeParse(bad).success).toBe(false);
    }
  });
});
