import { describe, expect, it } from 'vitest';
import { activeFilters, emptyTitle } from './active-filters';

describe('activeFilters', () => {
  it('names one filter and removes it alone', () => {
    const filters = activeFilters({ from: 'now-1h', app: 'user-apii' });
    expect(emptyTitle(filters)).toBe('No traces with app = user-apii in this window.');
    expect(filters.map((filter) => [filter.remove, filter.patch])).toEqual([['Remove app', { app: '' }]]);
  });

  it('names every filter when there are several, each removable on its own', () => {
    const filters = activeFilters({ path: '/x', latencyMin: '1', filter: ['ingress.host:n2', '-edge.status:499'] });
    expect(emptyTitle(filters)).toBe('No traces with path = /x, edge latency ≥ 1 s, ingress.host = n2 and edge.status ≠ 499 in this window.');
    expect(filters.map((filter) => filter.patch)).toEqual([
      { path: '' },
      { latencyMin: '', latencyMax: '' },
      { filter: ['-edge.status:499'] },
      { filter: ['ingress.host:n2'] },
    ]);
  });

  it('says the query matched nothing when there is no filter', () => {
    expect(emptyTitle(activeFilters({ from: 'now-1h' }))).toBe('No edge requests match this query.');
  });
});
