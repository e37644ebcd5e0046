/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) with the few
 * distributions the sample generator needs. Math.random cannot be seeded, and the sample files
 * must be byte-identical for the same seed so tests, benchmarks and screenshots stay stable.
 */

export type WeightedItem<T> = { readonly item: T; readonly weight: number };

export type Prng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** Uniform pick from a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** Pick by weight from a non-empty list with a positive total weight. */
  pickWeighted<T>(items: readonly WeightedItem<T>[]): T;
  /** Log-normal with the given median and sigma (of the underlying normal). */
  logNormal(median: number, sigma: number): number;
  /** `length` lowercase hex digits. */
  hex(length: number): string;
};

/** Two hex digits per byte value: formatting trace ids is on the hot path of million-trace samples. */
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** splitmix32 spreads a small integer seed over the 128 bits of sfc32 state. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates a generator; the same seed always gives the same sequence. */
export function createPrng(seed: number): Prng {
  const mix = splitmix32(seed);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();

  const nextUint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // The first outputs of sfc32 still correlate with the seed; discard them as its author advises.
  for (let i = 0; i < 12; i += 1) nextUint32();

  const next = (): number => nextUint32() / 4294967296;

  const prng: Prng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    pickWeighted: (items) => {
      let total = 0;
      for (const entry of items) total += entry.weight;
      let target = next() * total;
      for (const entry of items) {
        target -= entry.weight;
        if (target < 0) return entry.item;
      }
      const last = items[items.length - 1];
      if (last === undefined) throw new Error('pickWeighted from an empty list');
      return last.item;
    },
    logNormal: (median, sigma) => {
      // Box-Muller; 1 - next() keeps the logarithm's argument in (0, 1].
      const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(sigma * normal);
    },
    hex: (length) => {
      let text = '';
      while (text.length < length) {
        const value = nextUint32();
        text += BYTE_HEX[value >>> 24]! + BYTE_HEX[(value >>> 16) & 0xff]! + BYTE_HEX[(value >>> 8) & 0xff]! + BYTE_HEX[value & 0xff]!;
      }
      return text.length === length ? text : text.slice(0, length);
    },
  };
  return prng;
}
