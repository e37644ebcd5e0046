/**
 * Tests of browser behaviour alone (keyboard, layout, history, request handling): they run
 * against the embedded store only; the Elasticsearch project repeats the tests whose numbers
 * come from the backend.
 */
export const UI_ONLY = { tag: '@ui' };
