import { z } from 'zod';

/**
 * A first answer from a sample of a window's traces (issue 13, docs/ARCHITECTURE.md "Sampled first
 * answers"): the traces whose id falls in a range of two-character prefixes, read from both tiers,
 * so that every sampled trace keeps all its lines and the join is the same as the exact one's.
 * A range of ids is a uniform sample only if the ids are random: the sample is taken only when
 * every id starts with a hex digit, all in one case (lower, as uuids, W3C trace ids and nginx's
 * $request_id are written, or upper, as some tracers write them), and the sixteen digits share the
 * window's lines as random ids would (timestamped, sequential or host-prefixed ids do not, and then
 * the answer waits for the whole window instead).
 */

/**
 * `sample=first` (the histograms and the triage summary): a cold Elasticsearch window above the
 * sample threshold may answer first from a stated sample; the page then asks again without it.
 */
export const sampleFirstParamsSchema = z.object({ sample: z.enum(['first'], { message: 'the only value is first (a sampled first answer allowed)' }).optional() });

/** Lines left to read above which the pages get a sampled first answer: ~200,000 traces take ~10 s to read exactly on two cores. */
export const DEFAULT_SAMPLE_THRESHOLD_LINES = 400_000;

/** Edge lines a sample aims at: its read and build take a few seconds on two shared cores. */
export const DEFAULT_SAMPLE_TARGET_LINES = 25_000;

/** The case hex ids are written in: a range of ids is given in theirs (byte order puts 'A'–'F' before 'a'–'f'). */
export type HexCase = 'lower' | 'upper';
export const HEX_CASES: readonly HexCase[] = ['lower', 'upper'];

const DECIMAL_DIGITS = '0123456789'.split('');
const HEX_LETTERS: Readonly<Record<HexCase, readonly string[]>> = { lower: 'abcdef'.split(''), upper: 'ABCDEF'.split('') };
const hexDigits = (hexCase: HexCase): string[] => [...DECIMAL_DIGITS, ...HEX_LETTERS[hexCase]];

/** Every character a hex id may start with, in either case: what the spread of a window's ids is counted by. */
export const FIRST_CHARACTERS: readonly string[] = [...DECIMAL_DIGITS, ...HEX_LETTERS.lower, ...HEX_LETTERS.upper];

const writeIn = (hexCase: HexCase, value: string) => (hexCase === 'lower' ? value.toLowerCase() : value.toUpperCase());

/** A range written in another case. */
export function inCase(range: TraceIdRange, hexCase: HexCase): TraceIdRange {
  return { from: writeIn(hexCase, range.from), to: writeIn(hexCase, range.to), prefixes: range.prefixes, hexCase };
}

/** Two-character prefixes of hex ids. */
const PREFIXES = 256;

/** A sample smaller than a quarter of the window is what makes it worth taking. */
const MAX_SAMPLED_PREFIXES = PREFIXES / 4;

/** Deviations beyond this many binomial standard deviations say the ids are not random. */
const MAX_DEVIATIONS = 6;

/** Lines below which the spread of first digits proves nothing. */
const MIN_LINES_TO_JUDGE = 1_600;

/** The sample's trace ids: `from <= id < to` (byte order), `prefixes` of the 256 two-digit prefixes, written in `hexCase`. */
export type TraceIdRange = { from: string; to: string; prefixes: number; hexCase: HexCase };

/** What a sampled answer says of itself (API v1 `sample`). */
export type SampleStatement = {
  kind: 'trace_id_range';
  traceIdFrom: string;
  traceIdTo: string;
  /** The share of the traces sampled (prefixes / 256). */
  fraction: number;
  message: string;
};

const hex2 = (value: number) => value.toString(16).padStart(2, '0');

/**
 * The range of the first prefixes holding about `targetLines` of a window's `lines` (at least one
 * prefix), or null when that would be a quarter of the window or more: the exact answer is then
 * not much further away.
 */
export function traceIdRangeFor(lines: number, targetLines: number): TraceIdRange | null {
  if (lines <= 0 || targetLines <= 0) return null;
  const prefixes = Math.max(1, Math.ceil((PREFIXES * targetLines) / lines));
  if (prefixes >= MAX_SAMPLED_PREFIXES) return null;
  return { from: hex2(0), to: hex2(prefixes), prefixes, hexCase: 'lower' };
}

/**
 * The window's edge lines by the first character of their trace id (each of FIRST_CHARACTERS;
 * lines whose id starts otherwise are in `lines` only), and those inside the range written in each case.
 */
export type TraceIdSpread = { lines: number; byFirstCharacter: Readonly<Record<string, number>>; inRange: Readonly<Record<HexCase, number>> };

const withinDeviations = (observed: number, lines: number, share: number) => {
  const expected = lines * share;
  return Math.abs(observed - expected) <= MAX_DEVIATIONS * Math.sqrt(lines * share * (1 - share));
};

/**
 * The range, in the ids' case, when it samples the window uniformly: every line's id starts with a
 * hex digit, letters in one case only, each of the sixteen digits holds a sixteenth of the lines
 * and the range its share, within what chance allows random ids (six standard deviations). Null
 * for anything else (structured ids, mixed case, too few lines to tell).
 */
export function uniformSampleRange(spread: TraceIdSpread, range: TraceIdRange): TraceIdRange | null {
  const { lines, byFirstCharacter, inRange } = spread;
  const count = (character: string) => byFirstCharacter[character] ?? 0;
  if (lines < MIN_LINES_TO_JUDGE) return null;
  if (FIRST_CHARACTERS.reduce((sum, character) => sum + count(character), 0) !== lines) return null;
  const cases = HEX_CASES.filter((hexCase) => HEX_LETTERS[hexCase].some((letter) => count(letter) > 0));
  const [hexCase] = cases;
  if (cases.length !== 1 || !hexCase) return null;
  const digits = hexDigits(hexCase);
  if (!digits.every((digit) => withinDeviations(count(digit), lines, 1 / digits.length))) return null;
  return withinDeviations(inRange[hexCase], lines, range.prefixes / PREFIXES) ? inCase(range, hexCase) : null;
}

const formatCount = (value: number) => value.toLocaleString('en-US');

/** What the page and the API say of a sampled answer. */
export function describeSample(range: TraceIdRange, sampledLines: number, windowLines: number): SampleStatement {
  const fraction = range.prefixes / PREFIXES;
  const oneIn = Math.round(1 / fraction);
  const last = writeIn(range.hexCase, hex2(range.prefixes - 1));
  const ids = range.prefixes === 1 ? `starts with ${range.from}` : `starts with ${range.from} to ${last}`;
  return {
    kind: 'trace_id_range',
    traceIdFrom: range.from,
    traceIdTo: range.to,
    fraction,
    message:
      `A first answer from a sample: the traces whose trace id ${ids}, about 1 in ${oneIn} ` +
      `(${formatCount(sampledLines)} of ~${formatCount(windowLines)} edge lines). Counts are the sample's; ` +
      'the exact answer replaces it once the whole window is read.',
  };
}
