import { describe, expect, it } from 'vitest';
import { classifyAnswer, describeAnswer } from './answers';

describe('classifyAnswer', () => {
  it('counts a 200 as measured', () => {
    expect(classifyAnswer(200, {})).toEqual({ outcome: 'ok', note: null });
  });

  it('records a verb the backend lacks as not implemented', () => {
    const body = { error: { code: 'backend_error', message: 'triage is not implemented for the elasticsearch backend yet' } };
    expect(classifyAnswer(502, body)).toEqual({ outcome: 'not_implemented', note: 'triage is not implemented for the elasticsearch backend yet' });
  });

  it('records any other failure as an error with status, code and message', () => {
    expect(classifyAnswer(504, { error: { code: 'backend_timeout', message: 'timed out' } })).toEqual({
      outcome: 'error',
      note: '504 backend_timeout: timed out',
    });
    expect(classifyAnswer(500, 'not json')).toEqual({ outcome: 'error', note: '500 no error code' });
  });
});

describe('describeAnswer', () => {
  it('says from how many traces the histograms are, all of them exact', () => {
    expect(describeAnswer('histograms', { counts: { edge: 99_845 }, sample: null })).toBe('99,845 traces, exact');
    expect(describeAnswer('histograms', { counts: {} })).toBeNull();
  });

  it('counts drill-down rows and says whether more pages follow', () => {
    expect(describeAnswer('drill-down', { traces: [{}, {}], nextCursor: 'x' })).toBe('2 rows, more pages');
    expect(describeAnswer('drill-down', { traces: [] })).toBe('0 rows, last page');
  });

  it('counts timeline series and has nothing to say about other groups', () => {
    expect(describeAnswer('timeline', { series: [{}, {}, {}] })).toBe('3 series');
    expect(describeAnswer('trace', {})).toBeNull();
  });
});
