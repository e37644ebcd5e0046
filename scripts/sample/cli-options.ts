import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SCENARIO_NAMES } from './scenarios';
import { sampleOptionsSchema, type SampleOptions } from './incident-generator';

export const GENERATE_SAMPLE_USAGE = `usage: npx tsx scripts/generate-sample.ts --out <dir> [--traces 20000] [--seed 1]
       [--scenario ${SCENARIO_NAMES.join('|')}] [--start 2020-11-19T02:00:00Z] [--hours 4] [--text]
  --text  also write the same sample as raw nginx access logs: edge.log and <node>.access.log per ingress node`;

const integerText = (name: string) => z.string().regex(/^\d+$/, `--${name} must be a non-negative integer`).transform(Number);

/** The command line's text; the values' limits are the generator's own schema, applied after. */
export const generateSampleArgsSchema = z.object({
  out: z.string({ error: '--out is required' }).min(1, '--out is required'),
  traces: integerText('traces').default(20_000),
  seed: integerText('seed').default(1),
  scenario: z.enum(SCENARIO_NAMES, { error: `--scenario must be one of ${SCENARIO_NAMES.join(', ')}` }).default('incident'),
  start: z
    .string()
    .regex(/(Z|[+-]\d\d:\d\d)$/, '--start must be ISO-8601 with a time zone, e.g. 2020-11-19T02:00:00Z')
    .transform((text) => Date.parse(text))
    .refine((ms) => Number.isFinite(ms), '--start is not a valid date')
    .default(Date.UTC(2020, 10, 19, 2)),
  hours: z
    .string()
    .regex(/^\d+(\.\d+)?$/, '--hours must be a positive number')
    .transform(Number)
    .default(4),
});

export type GenerateSampleArgs = { help: true } | { help: false; outDir: string; options: SampleOptions; text: boolean };

export class UsageError extends Error {}

/** Parses `process.argv.slice(2)`; throws UsageError with the offending option named. */
export function parseGenerateSampleArgs(argv: readonly string[]): GenerateSampleArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        out: { type: 'string' },
        traces: { type: 'string' },
        seed: { type: 'string' },
        scenario: { type: 'string' },
        start: { type: 'string' },
        hours: { type: 'string' },
        text: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };

  const { text, ...rest } = values;
  const parsed = generateSampleArgsSchema.safeParse(rest);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'invalid arguments');
  const { out, traces, seed, scenario, start, hours } = parsed.data;
  const options = sampleOptionsSchema.safeParse({ traces, seed, scenario, startMs: start, hours });
  if (!options.success) {
    const issue = options.error.issues[0];
    const field = issue?.path[0] === 'startMs' ? 'start' : String(issue?.path[0]);
    throw new UsageError(`--${field}: ${issue?.message ?? 'invalid value'}`);
  }
  return { help: false, outDir: out, options: options.data, text: text === true };
}
