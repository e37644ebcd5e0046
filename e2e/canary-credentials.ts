/**
 * Fake credentials that must never reach a browser. The servers of the suite run with them in
 * their environment (playwright.config.ts), and `npm test` builds with them too
 * (scripts/test.sh runs this file to print them), so credential-leak.spec.ts can look for them in
 * the client bundle and in every answer. They are nobody's credentials: the test node runs without
 * security and ignores them.
 */
export const CANARY_ENV = {
  ES_API_KEY: 'hopscope-canary-apikey-Q7v3mZ9x',
  ES_USERNAME: 'hopscope-canary-user-K2p8',
  ES_PASSWORD: 'hopscope-canary-password-W5n1tR6y',
} as const;

/** User info for an ES_URL, e.g. `http://user:password@host:port`. */
export const CANARY_URL_USER = 'hopscope-canary-urluser-T4c9';
export const CANARY_URL_PASSWORD = 'hopscope-canary-urlpassword-H8d3';

/** The basic-auth credentials of the access-control server (not a canary: it is meant to be sent). */
export const ACCESS_CONTROL_CREDENTIALS = { username: 'e2e-oncall', password: 'e2e-password-Vb7rT2xq' } as const;

/** Every form in which a canary could leave the server: as is, and as the Authorization headers carry them. */
export function canaryNeedles(): string[] {
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  return [
    ...Object.values(CANARY_ENV),
    CANARY_URL_USER,
    CANARY_URL_PASSWORD,
    base64(`${CANARY_ENV.ES_USERNAME}:${CANARY_ENV.ES_PASSWORD}`),
    base64(`${CANARY_URL_USER}:${CANARY_URL_PASSWORD}`),
    // The passwords' distinctive tails, in case only part of a value is echoed.
    'Q7v3mZ9x',
    'W5n1tR6y',
    'urlpassword-H8d3',
  ];
}

// `npx tsx e2e/canary-credentials.ts` prints them as NAME=value lines for the shell (scripts/test.sh).
if (process.argv[1]?.endsWith('canary-credentials.ts')) {
  for (const [name, value] of Object.entries(CANARY_ENV)) console.log(`${name}=${value}`);
}
