import { z } from 'zod';

/**
 * Runs in the browser before any of the app's code. Zod compiles object parsers with
 * `new Function` when it may, and probes for that once, when the first object schema is built;
 * under the pages' Content-Security-Policy (no 'unsafe-eval') the probe fails as intended, but the
 * browser still reports it as a CSP violation. Jitless mode skips the probe; parsing the few URL
 * parameters the client checks does not need the compiled fast path.
 */
z.config({ jitless: true });
