/**
 * Exact tail probabilities for small and large counts, computed in log space so that a p-value of
 * 1e-400 is still ordered correctly. Everything here is deterministic floating point on integer
 * counts; both backends hand over the same counts, so they get the same p-values.
 */

const LOG_FACTORIAL_TABLE_SIZE = 256;
const LOG_FACTORIAL_TABLE: readonly number[] = (() => {
  const table = [0];
  for (let n = 1; n < LOG_FACTORIAL_TABLE_SIZE; n += 1) table.push(table[n - 1]! + Math.log(n));
  return table;
})();
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln(n!) for a non-negative integer n: summed exactly below 256, Stirling's series above (its
 * error there is below 1e-17 relative, far under double precision).
 */
export function logFactorial(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`logFactorial needs a non-negative integer, got ${n}`);
  if (n < LOG_FACTORIAL_TABLE_SIZE) return LOG_FACTORIAL_TABLE[n]!;
  const x = n + 1;
  const inverse = 1 / x;
  const inverseSquare = inverse * inverse;
  const series = inverse * (1 / 12 - inverseSquare * (1 / 360 - inverseSquare * (1 / 1260 - inverseSquare / 1680)));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series;
}

/** ln C(n, k); −Infinity when k is outside [0, n]. */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return Number.NEGATIVE_INFINITY;
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/** Terms smaller than this fraction of the running sum no longer change a double. */
const NEGLIGIBLE = 1e-17;

/**
 * Sums a unimodal probability mass function over [start, end] walking away from its mode, where
 * each step's term is the previous one times `ratio(x)`; returns ln of the sum. Stops once the
 * terms no longer change the sum.
 */
function logTailFrom(logStart: number, start: number, end: number, step: 1 | -1, ratio: (x: number) => number): number {
  let sum = 1;
  let term = 1;
  for (let x = start; x !== end; x += step) {
    term *= ratio(x);
    sum += term;
    if (term < sum * NEGLIGIBLE) break;
  }
  return logStart + Math.log(sum);
}

export type TailProbability = {
  /** The probability itself; 0 when it underflows a double (below about 1e-308). */
  p: number;
  /** log10 of the probability, exact even where `p` underflows; 0 means p = 1. */
  log10P: number;
};

const toTail = (logP: number): TailProbability => {
  const clamped = Math.min(0, logP);
  return { p: Math.exp(clamped), log10P: clamped / Math.LN10 };
};

/** One minus a probability given as a logarithm, as a logarithm. */
const logComplement = (logP: number): number => (logP >= 0 ? Number.NEGATIVE_INFINITY : Math.log1p(-Math.exp(logP)));

/**
 * P(X ≥ observed) for X hypergeometric: `draws` items taken without replacement from a population
 * of `population` items of which `successes` are marked. This is the one-sided Fisher exact test
 * of a 2×2 table: population = all requests, successes = requests with a value, draws = slow
 * requests, observed = slow requests with the value.
 */
export function hypergeometricUpperTail(observed: number, population: number, successes: number, draws: number): TailProbability {
  for (const [name, value] of Object.entries({ observed, population, successes, draws })) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  if (successes > population || draws > population) throw new RangeError('successes and draws cannot exceed the population');
  const low = Math.max(0, draws + successes - population);
  const high = Math.min(successes, draws);
  if (observed <= low) return toTail(0);
  if (observed > high) return { p: 0, log10P: Number.NEGATIVE_INFINITY };
  const logPmf = (x: number) =>
    logChoose(successes, x) + logChoose(population - successes, draws - x) - logChoose(population, draws);
  const mode = Math.floor(((draws + 1) * (successes + 1)) / (population + 2));
  // P(x+1)/P(x) and P(x−1)/P(x) of the hypergeometric distribution.
  const up = (x: number) => ((successes - x) * (draws - x)) / ((x + 1) * (population - successes - draws + x + 1));
  const down = (x: number) => (x * (population - successes - draws + x)) / ((successes - x + 1) * (draws - x + 1));
  if (observed > mode) return toTail(logTailFrom(logPmf(observed), observed, high, 1, up));
  return toTail(logComplement(logTailFrom(logPmf(observed - 1), observed - 1, low, -1, down)));
}

/** P(X ≥ observed) for X ~ Binomial(trials, probability). */
export function binomialUpperTail(observed: number, trials: number, probability: number): TailProbability {
  if (!Number.isInteger(observed) || !Number.isInteger(trials) || observed < 0 || trials < 0) {
    throw new RangeError('observed and trials must be non-negative integers');
  }
  if (!(probability > 0 && probability < 1)) throw new RangeError(`probability must be in (0, 1), got ${probability}`);
  if (observed === 0) return toTail(0);
  if (observed > trials) return { p: 0, log10P: Number.NEGATIVE_INFINITY };
  const logP = Math.log(probability);
  const logQ = Math.log1p(-probability);
  const odds = probability / (1 - probability);
  const logPmf = (x: number) => logChoose(trials, x) + x * logP + (trials - x) * logQ;
  const mode = Math.floor((trials + 1) * probability);
  const up = (x: number) => ((trials - x) / (x + 1)) * odds;
  const down = (x: number) => (x / (trials - x + 1)) / odds;
  if (observed > mode) return toTail(logTailFrom(logPmf(observed), observed, trials, 1, up));
  return toTail(logComplement(logTailFrom(logPmf(observed - 1), observed - 1, 0, -1, down)));
}

/** Two-sided p-value by doubling the smaller one-sided tail (capped at 1). */
export function twoSided(upper: TailProbability, lower: TailProbability): TailProbability {
  const smaller = upper.log10P <= lower.log10P ? upper : lower;
  return toTail(smaller.log10P * Math.LN10 + Math.LN2);
}

/**
 * Bonferroni's correction for `tests` comparisons: each p-value times the number of tests, capped
 * at 1. It controls the chance of even one false flag (family-wise error) without assumptions
 * about how the tests depend on each other, which suits values of overlapping fields.
 */
export function bonferroni(tail: TailProbability, tests: number): TailProbability {
  if (!Number.isInteger(tests) || tests < 1) throw new RangeError(`tests must be a positive integer, got ${tests}`);
  return toTail(tail.log10P * Math.LN10 + Math.log(tests));
}
