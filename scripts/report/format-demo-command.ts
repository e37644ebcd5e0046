import { DEFAULT_STATE, toInvestigationHref, toPermalinkState, type QueryParams } from '@/lib/url-state';

/** Characters a POSIX shell reads literally outside quotes. */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes a word for a POSIX shell: unchanged when safe, else in single quotes ('\'' for a quote). */
export function shellQuote(word: string): string {
  if (SHELL_SAFE.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `NAME=value … npm run demo`, each value quoted for the shell. */
export function formatDemoCommand(variables: readonly (readonly [name: string, value: string])[]): string {
  return [...variables.map(([name, value]) => `${name}=${shellQuote(value)}`), 'npm run demo'].join(' ');
}

/**
 * The dashboard's permalink for this query (lib/url-state.ts), with the window pinned to the
 * instants the report resolved, as the page's "copy permalink" pins them.
 */
export function toDashboardUrl(query: QueryParams, resolved: { from: string; to: string }, origin: string): string {
  return `${origin}${toInvestigationHref(toPermalinkState({ ...DEFAULT_STATE, query }, resolved))}`;
}
