import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACE_COLUMNS, TRACE_OPTIONAL_COLUMNS, TRACE_SORT_KEYS } from '@/lib/url-state';
import { headerGroups, shownColumns, TRACE_COLUMNS } from './trace-columns';

describe('trace columns', () => {
  it('has one column per optional column of the URL, and every sort key on exactly one column', () => {
    expect(TRACE_COLUMNS.flatMap((column) => column.optional ?? [])).toEqual([...TRACE_OPTIONAL_COLUMNS]);
    expect(TRACE_COLUMNS.flatMap((column) => column.sortKey ?? []).sort()).toEqual([...TRACE_SORT_KEYS].sort());
    expect(new Set(TRACE_COLUMNS.map((column) => column.name)).size).toBe(TRACE_COLUMNS.length);
  });

  it('always shows the columns that name a culprit', () => {
    const ids = shownColumns([]).map((column) => column.id);
    for (const id of ['edgeHost', 'edgeUpstreamAddr', 'edgeConnect', 'edgeStatus', 'ingressHost', 'ingressUpstreamAddr', 'ingressConnect', 'ingressStatus']) {
      expect(ids).toContain(id);
    }
    expect(ids).not.toContain('request');
  });

  it('shows the chosen optional columns in table order', () => {
    expect(shownColumns(DEFAULT_TRACE_COLUMNS).map((column) => column.id)).toEqual([
      'time', 'traceId', 'request', 'edge', 'ingress', 'edgeMinusIngress', 'ingressMinusUpstream',
      'edgeHost', 'edgeUpstreamAddr', 'edgeConnect', 'edgeStatus', 'ingressHost', 'ingressUpstreamAddr', 'ingressConnect', 'ingressStatus',
    ]);
    expect(shownColumns(['ingressUpstream']).map((column) => column.id)).toContain('ingressUpstream');
  });

  it('groups adjacent columns of one group under one upper header; ungrouped columns stand alone', () => {
    expect(headerGroups(shownColumns(DEFAULT_TRACE_COLUMNS))).toEqual([
      { label: null, span: 1 },
      { label: null, span: 1 },
      { label: null, span: 1 },
      { label: 'request_time', span: 4 },
      { label: 'Edge nginx → ingress', span: 4 },
      { label: 'Ingress nginx → app', span: 4 },
    ]);
    expect(headerGroups(shownColumns(['ingressUpstream'])).map((group) => group.span)).toEqual([1, 1, 2, 4, 5]);
  });
});
