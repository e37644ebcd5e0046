import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRIAGE_VIEW,
  TRIAGE_KEYS,
  parseTriageState,
  previousPeriod,
  toTriageHref,
  toTriageHrefFor,
  toTriageSearchParams,
  toTriageServiceParams,
  withTriage,
} from './triage-url-state';
import { DEFAULT_STATE, findUnknownPageParameters, toInvestigationHref } from './url-state';

describe('triage URL state', () => {
  it('round-trips every triage parameter beside the investigation query and view', () => {
    const text =
      'from=2020-11-19T02%3A00%3A00Z&to=2020-11-19T04%3A00%3A00Z&app=user-api&latencyMin=0.5&tz=utc&ingressGroupBy=upstreamAddr' +
      '&slow=0.8&section=compare&compareFrom=2020-11-19T04%3A00%3A00Z&compareTo=2020-11-19T06%3A00%3A00Z';
    const state = parseTriageState(new URLSearchParams(text));
    expect(state.triage).toEqual({ slow: '0.8', section: 'compare', compareFrom: '2020-11-19T04:00:00Z', compareTo: '2020-11-19T06:00:00Z' });
    expect(state.investigation.query).toEqual({ from: '2020-11-19T02:00:00Z', to: '2020-11-19T04:00:00Z', app: 'user-api', latencyMin: '0.5' });
    expect(state.investigation.timeZone).toBe('utc');
    expect(parseTriageState(toTriageSearchParams(state))).toEqual(state);
  });

  it('reads the record Next.js hands a page the same way as URLSearchParams', () => {
    const state = parseTriageState({ slow: ['2', '3'], section: 'correlations', compareFrom: '  ', app: 'a' });
    expect(state.triage).toEqual({ slow: '2', section: 'correlations', compareFrom: null, compareTo: null });
    expect(state.investigation.query).toEqual({ app: 'a' });
  });

  it('drops an unknown section but keeps a bad slow threshold for the server to name', () => {
    const state = parseTriageState(new URLSearchParams('section=everything&slow=fast'));
    expect(state.triage.section).toBeNull();
    expect(state.triage.slow).toBe('fast');
    expect(toTriageSearchParams(state).toString()).toBe('slow=fast');
  });

  it('links to the page with the section as fragment, and without parameters when all are defaults', () => {
    expect(toTriageHrefFor(DEFAULT_STATE)).toBe('/triage');
    const state = withTriage(parseTriageState(new URLSearchParams('app=a')), { section: 'retransmissions' });
    expect(toTriageHref(state)).toBe('/triage?app=a&section=retransmissions#retransmissions');
  });

  it('goes back to the same investigation view it came from', () => {
    const investigation = new URLSearchParams('app=a&histogram=ingress&fromMs=1000&toMs=1100&stat=p99');
    const state = parseTriageState(new URLSearchParams(`${investigation}&slow=2&section=attribution`));
    expect(toInvestigationHref(state.investigation)).toBe(`/?${investigation}`);
  });

  it('takes the previous period of the same length as the default compared window', () => {
    const fromMs = Date.parse('2020-11-19T02:00:00Z');
    const toMs = Date.parse('2020-11-19T06:00:00Z');
    expect(previousPeriod({ fromMs, toMs })).toEqual({ compareFrom: '2020-11-18T22:00:00.000Z', compareTo: '2020-11-19T02:00:00.000Z' });
  });

  it('hands the services the query, slow and the compared window, never view parameters', () => {
    const state = parseTriageState(new URLSearchParams('app=a&tz=utc&scale=linear&slow=2&section=compare&compareFrom=now-2h&compareTo=now-1h'));
    expect(toTriageServiceParams(state)).toEqual({ app: 'a', slow: '2' });
    expect(toTriageServiceParams(state, { compareFrom: 'x', compareTo: 'y' })).toEqual({ app: 'a', slow: '2', compareFrom: 'x', compareTo: 'y' });
    expect(toTriageServiceParams({ ...state, triage: DEFAULT_TRIAGE_VIEW })).toEqual({ app: 'a' });
    const filtered = { ...state, investigation: { ...state.investigation, query: { app: 'a', filter: ['ingress.host:n2', '-edge.status:499'] } } };
    expect(toTriageServiceParams(filtered)).toEqual({ app: 'a', filter: ['ingress.host:n2', '-edge.status:499'], slow: '2' });
  });

  it('keeps a snapshot in its links and out of the services\' parameters (it chooses their backend)', () => {
    const id = '0123456789abcdef0123456789abcdef';
    const state = parseTriageState(new URLSearchParams(`snapshot=${id}&app=a&slow=2&section=compare`));
    expect(findUnknownPageParameters(new URLSearchParams(`snapshot=${id}&slow=2`), TRIAGE_KEYS)).toEqual([]);
    expect(state.investigation.query.snapshot).toBe(id);
    expect(toTriageHref(state)).toBe(`/triage?snapshot=${id}&app=a&slow=2&section=compare#compare`);
    expect(toTriageServiceParams(state)).toEqual({ app: 'a', slow: '2' });
  });
});
