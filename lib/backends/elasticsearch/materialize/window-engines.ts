import 'server-only';
import { setMaxListeners } from 'node:events';
import { existsSync } from 'node:fs';
import { ConcurrencyLimit } from '@/lib/backends/concurrency-limit';
import { untilAborted } from '@/lib/backends/until-aborted';
import { LoadTracker } from '@/lib/backends/duckdb/load-tracker';
import type { LoadProgressSink } from '@/lib/backends/duckdb/load-progress';
import type { FirstAnswer, LatencyBackend } from '@/lib/backends/types';
import { mergeNotices, type AnswerNotice } from '@/lib/domain/answer-notices';
import type { StoreLoadStatus } from '@/lib/domain/load-status';
import type { SampleStatement } from '@/lib/domain/trace-id-sample';
import { TIERS, type Tier } from '@/lib/domain/tiers';
import { requestCancelled } from '@/lib/server/core/errors';
import { FRESH_REUSE_MS, type SliceCache, type SliceFile } from './slice-cache';
import { isSettled, windowSlices, type TimeSlice } from './slice-plan';

/** What a materialization needs from Elasticsearch and from the engine. */
export type WindowEngineDeps = {
  cache: SliceCache;
  /** Reads a tier's slice into a line file; `onLines` hears each page of documents read. */
  readSlice: (tier: Tier, slice: TimeSlice, file: string, onLines: (lines: number) => void, signal: AbortSignal) => Promise<{ lines: number; notices: AnswerNotice[] }>;
  /** Documents each of a tier's consecutive slices holds now. */
  countSliceDocuments: (tier: Tier, slices: readonly TimeSlice[], signal: AbortSignal) => Promise<number[]>;
  /** The engine over line files; it builds its store on first use and reports it to `onProgress`. */
  openEngine: (files: Record<Tier, string[]>, onProgress: LoadProgressSink) => LatencyBackend;
  /**
   * The engine of a sampled first answer over a window's slices (docs/ARCHITECTURE.md, "Sampled
   * first answers"), `edgeLinesInWindow` the edge lines its slices hold; null when the window's
   * trace ids cannot be sampled uniformly. Absent: no sampled first answers.
   */
  openSample?: (slices: Record<Tier, TimeSlice[]>, edgeLinesInWindow: number, signal: AbortSignal) => Promise<SampleEngine | null>;
  /** Lines still to read from Elasticsearch above which a request accepting a sample gets one first. */
  sampleThresholdLines?: number;
  lateMarginMs: number;
  /** Lines the open engines may hold together; the least recently used idle ones are closed beyond it (one always stays). */
  maxOpenLines: number;
  nowMs?: () => number;
};

/**
 * Slices read from Elasticsearch at once: each is a chain of pages, then a normalization, and
 * Elasticsearch and Node share the cores. Three kept the 2 cores busier but made each of them
 * slower (the bench's window read in 22.5 s with two, 23.8–26.6 s with three).
 */
const READS_AT_ONCE = 2;

/** A sampled first answer's engine, and what it says of its sample. */
export type SampleEngine = {
  backend: LatencyBackend;
  statement: SampleStatement;
  /** What made the sample's reads incomplete (failed shards): told with every answer it gives. */
  notices: AnswerNotice[];
  close: () => Promise<void>;
};

/** How long a request accepting a sample keeps the exact read going after it got its answer: the page asks for the exact one at once. */
const SAMPLE_HOLD_MS = 120_000;

/** How long a sample stays open once the exact engine is there: requests that chose it finish from it (their calls go out together). */
const SAMPLE_GRACE_MS = 10_000;

/**
 * The exact read starts once the sample has had no call for this long (the page's first answers
 * are out: the histograms, then the slow summary and the verdict asked after them), at most
 * SAMPLE_FIRST_MS after it opened: on shared cores they would otherwise wait for the read's CPU.
 */
const SAMPLE_QUIET_MS = 300;
const SAMPLE_FIRST_MS = 3_000;

type Span = { fromMs: number; toMs: number };

/** What a window's count found: lines of both tiers still to read, edge lines of its slices (kept ones too). */
type CountedLines = { toRead: number; edgeInWindow: number };

/** `lastUsedMs` on performance.now()'s clock. */
type HeldSample = SampleEngine & { active: number; closed: boolean; lastUsedMs: number };

/**
 * A materialization under way, and how many requests wait for it: when the last one gives up, it
 * stops. `lines` settles with the lines it has to read once they are counted; `sample` is the
 * sampled first answer's engine when a request asked for one.
 */
type Building = {
  /** The slices it reads: what a refresh of a window stops. */
  slices: Record<Tier, TimeSlice[]>;
  promise: Promise<OpenEngine>;
  tracker: LoadTracker;
  controller: AbortController;
  waiters: number;
  lines: Promise<CountedLines>;
  sampleWanted: boolean;
  sample: Promise<HeldSample | null> | null;
  /** Stopped by a refresh of its slices: its requests wait for the read the refresh starts instead. */
  refreshed: boolean;
};

type OpenEngine = {
  backend: LatencyBackend;
  spans: Record<Tier, Span>;
  lines: number;
  /** What made its slices' reads incomplete (failed shards): told with every answer it gives. */
  notices: AnswerNotice[];
  /** Until when its fresh slices may be answered from; Infinity when every slice was settled. */
  currentUntilMs: number;
  lastUsedMs: number;
  active: number;
  closed: boolean;
  /** Unpins its slice files (the engine reads their raw lines): called once it is closed. */
  release: () => void;
  /** Its slice files. */
  files: string[];
};

const spanOf = (slices: readonly TimeSlice[]): Span => ({ fromMs: slices[0]?.startMs ?? 0, toMs: slices.at(-1)?.endMs ?? 0 });
const covers = (outer: Span, inner: Span) => outer.fromMs <= inner.fromMs && inner.toMs <= outer.toMs;

/**
 * Elasticsearch windows materialized into the engine (docs/ARCHITECTURE.md, "Materialized
 * windows"). A window's answers come from an engine over the line files of the slices it covers
 * (edge slices of the window, ingress slices of its join window); an open engine answers every
 * window inside its slices, since the engine chooses lines by window as the embedded store does.
 * Concurrent requests for the same slices share one read and one engine.
 */
export class WindowEngines {
  private readonly engines: OpenEngine[] = [];
  private readonly building = new Map<string, Building>();
  private readonly reads = new ConcurrencyLimit(READS_AT_ONCE);
  private readonly nowMs: () => number;
  /** Each request accepting a sample: by window, the sample its calls answer from (null: the exact engine). */
  private readonly firstAnswers = new WeakMap<FirstAnswer, Map<string, Promise<HeldSample | null>>>();
  private readonly samples = new Set<HeldSample>();

  constructor(private readonly deps: WindowEngineDeps) {
    this.nowMs = deps.nowMs ?? Date.now;
  }

  /**
   * Runs `call` on an engine holding the window `[fromMs, toMs)`, materializing it first if needed;
   * `onNotice` hears what made the engine's lines incomplete.
   */
  async use<T>(
    fromMs: number,
    toMs: number,
    call: (engine: LatencyBackend) => Promise<T>,
    options: { onNotice?: (notice: AnswerNotice) => void; signal?: AbortSignal; firstAnswer?: FirstAnswer } = {},
  ): Promise<T> {
    const { onNotice, signal, firstAnswer } = options;
    if (firstAnswer) {
      const choices = this.firstAnswers.get(firstAnswer) ?? new Map<string, Promise<HeldSample | null>>();
      this.firstAnswers.set(firstAnswer, choices);
      let choice = choices.get(`${fromMs}-${toMs}`);
      if (!choice) {
        choice = this.chooseFirstAnswer(fromMs, toMs, signal);
        choices.set(`${fromMs}-${toMs}`, choice);
      }
      const sample = await choice;
      if (sample && !sample.closed) {
        firstAnswer.sample = sample.statement;
        sample.active += 1;
        try {
          for (const notice of sample.notices) onNotice?.(notice);
          return await call(sample.backend);
        } finally {
          sample.active -= 1;
          sample.lastUsedMs = performance.now();
        }
      }
    }
    const engine = await this.engineFor(fromMs, toMs, signal);
    engine.active += 1;
    engine.lastUsedMs = this.nowMs();
    try {
      for (const notice of engine.notices) onNotice?.(notice);
      return await call(engine.backend);
    } finally {
      engine.active -= 1;
      this.closeSurplus();
    }
  }

  /** Whether the window can be answered now, without reading Elasticsearch. */
  isReady(fromMs: number, toMs: number): boolean {
    return this.openEngineFor(windowSlices(fromMs, toMs)) !== null;
  }

  /** The materialization under way that started last, as the page's progress bar shows it. */
  status(): StoreLoadStatus | null {
    const last = [...this.building.values()].at(-1);
    return last ? last.tracker.status() : null;
  }

  /**
   * Forgets the window's slices and the engines holding them: the next request reads them again.
   * A read of them under way is stopped, and its requests wait for a read started after the
   * refresh: finished, it would have answered from lines read before it.
   */
  refresh(fromMs: number, toMs: number): void {
    const slices = windowSlices(fromMs, toMs);
    const spans = { edge: spanOf(slices.edge), ingress: spanOf(slices.ingress) };
    const overlaps = (a: Span, b: Span) => a.fromMs < b.toMs && b.fromMs < a.toMs;
    for (const [key, building] of [...this.building]) {
      if (!TIERS.some((tier) => overlaps(spanOf(building.slices[tier]), spans[tier]))) continue;
      building.refreshed = true;
      this.building.delete(key);
      building.controller.abort();
    }
    for (const tier of TIERS) this.deps.cache.drop(tier, slices[tier]);
    for (const engine of [...this.engines]) {
      if (TIERS.some((tier) => overlaps(engine.spans[tier], spans[tier]))) this.retire(engine);
    }
  }

  async close(): Promise<void> {
    for (const engine of [...this.engines]) this.retire(engine);
    for (const sample of [...this.samples]) await this.closeSample(sample);
    this.deps.cache.close();
  }

  private openEngineFor(slices: Record<Tier, TimeSlice[]>): OpenEngine | null {
    const now = this.nowMs();
    const wanted = { edge: spanOf(slices.edge), ingress: spanOf(slices.ingress) };
    const engine = this.engines.find((open) => now < open.currentUntilMs && TIERS.every((tier) => covers(open.spans[tier], wanted[tier])));
    if (!engine) return null;
    // Its raw lines are read from its slice files: one removed from outside hopscope (a cleaner of
    // the temporary folder) would fail every drill-down page and trace. The window is read again.
    if (engine.files.every((file) => existsSync(file))) return engine;
    this.retire(engine);
    return this.openEngineFor(slices);
  }

  private async engineFor(fromMs: number, toMs: number, signal?: AbortSignal): Promise<OpenEngine> {
    if (signal?.aborted) throw requestCancelled();
    const slices = windowSlices(fromMs, toMs);
    const open = this.openEngineFor(slices);
    if (open) return open;
    const building = this.buildingFor(slices);
    try {
      return await this.waitFor(building, signal);
    } catch (error) {
      if (building.refreshed && !signal?.aborted) return this.engineFor(fromMs, toMs, signal);
      throw error;
    }
  }

  /** The materialization of these slices under way, or one started now. */
  private buildingFor(slices: Record<Tier, TimeSlice[]>): Building {
    const key = TIERS.map((tier) => `${spanOf(slices[tier]).fromMs}-${spanOf(slices[tier]).toMs}`).join('|');
    const under = this.building.get(key);
    // One stopped by its last waiter leaving is not joined: a request arriving just after (a page
    // re-run, a colleague) starts the read again instead of inheriting the cancellation.
    if (under && !under.controller.signal.aborted) return under;
    const controller = new AbortController();
    // Every slice read waiting its turn and every session listens to it: one per slice, not a leak.
    setMaxListeners(0, controller.signal);
    let countedLines!: (lines: CountedLines) => void;
    const lines = new Promise<CountedLines>((resolve) => (countedLines = resolve));
    const building: Building = {
      promise: Promise.resolve(null as unknown as OpenEngine),
      tracker: new LoadTracker(this.nowMs),
      controller,
      waiters: 0,
      lines,
      sampleWanted: false,
      sample: null,
      refreshed: false,
      slices,
    };
    building.promise = this.materialize(slices, building, countedLines).finally(() => {
      if (this.building.get(key) === building) this.building.delete(key);
      // A failed read counts nothing: a request waiting for the count goes on to the error.
      countedLines({ toRead: 0, edgeInWindow: 0 });
      void building.sample?.then((sample) => sample && this.retireSampleLater(sample));
    });
    // Awaited by its waiters; one that has given up must not leave it unhandled.
    building.promise.catch(() => undefined);
    this.building.set(key, building);
    return building;
  }

  /**
   * The sample a request accepting one answers from: none when the window is open already, when
   * fewer lines than the threshold are left to read, or when its ids cannot be sampled. The
   * request keeps the exact read going (SAMPLE_HOLD_MS) so that the page's next request finds it
   * under way.
   */
  private async chooseFirstAnswer(fromMs: number, toMs: number, signal: AbortSignal | undefined): Promise<HeldSample | null> {
    if (!this.deps.openSample || this.deps.sampleThresholdLines === undefined) return null;
    const slices = windowSlices(fromMs, toMs);
    if (this.openEngineFor(slices)) return null;
    const building = this.buildingFor(slices);
    building.sampleWanted = true;
    const release = this.hold(building);
    try {
      const lines = await untilAborted(building.lines, signal);
      const opened = this.worthSampling(lines) ? await untilAborted(this.sampleOf(building, slices, lines.edgeInWindow), signal) : null;
      // A window read meanwhile (a sample asked for while the window's store was being built)
      // answers exactly: the request's later calls, shared once the window is read
      // (with-shared-calls.ts), are exact too.
      const sample = opened && !this.openEngineFor(slices) ? opened : null;
      // Without a sample the request waits for the read itself; its hold is for the page's next request.
      if (!sample) release();
      return sample;
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Whether a window with these lines left to read gets a sample first (HOPSCOPE_ES_SAMPLE_THRESHOLD). */
  private worthSampling(lines: CountedLines): boolean {
    const threshold = this.deps.sampleThresholdLines;
    return threshold !== undefined && lines.toRead >= threshold;
  }

  /**
   * Counts as a waiter of the read until it ends or SAMPLE_HOLD_MS have passed; the function
   * returned lets go earlier (a request that got no sample waits for the read as any other).
   */
  private hold(building: Building): () => void {
    building.waiters += 1;
    let held = true;
    const release = (stopIfLast: boolean) => {
      if (!held) return;
      held = false;
      clearTimeout(timer);
      building.waiters -= 1;
      if (stopIfLast && building.waiters === 0) building.controller.abort();
    };
    const timer = setTimeout(() => release(true), SAMPLE_HOLD_MS);
    timer.unref();
    building.promise.then(
      () => release(false),
      () => release(false),
    );
    return () => release(true);
  }

  /** The building's sample, opened once; a sample that fails to open is no sample (the exact answer follows). */
  private sampleOf(building: Building, slices: Record<Tier, TimeSlice[]>, edgeLines: number): Promise<HeldSample | null> {
    const openSample = this.deps.openSample;
    if (!openSample) return Promise.resolve(null);
    building.sample ??= openSample(slices, edgeLines, building.controller.signal).then(
      (engine) => {
        if (!engine) return null;
        const held: HeldSample = { ...engine, active: 0, closed: false, lastUsedMs: performance.now() };
        this.samples.add(held);
        return held;
      },
      () => null,
    );
    return building.sample;
  }

  /** Resolves once the sample's first answers are out (SAMPLE_QUIET_MS without a call), or after SAMPLE_FIRST_MS. */
  private async untilQuiet(sample: HeldSample, signal: AbortSignal): Promise<void> {
    // Elapsed time, not the injected clock (which says which slices are settled).
    const deadline = performance.now() + SAMPLE_FIRST_MS;
    while (performance.now() < deadline && !signal.aborted) {
      if (sample.active === 0 && performance.now() - sample.lastUsedMs >= SAMPLE_QUIET_MS) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Closes a sample once the requests that chose it have had time to finish from it. */
  private retireSampleLater(sample: HeldSample): void {
    const timer = setTimeout(() => void this.closeSample(sample), SAMPLE_GRACE_MS);
    timer.unref();
  }

  private async closeSample(sample: HeldSample): Promise<void> {
    if (sample.closed) return;
    if (sample.active > 0) {
      this.retireSampleLater(sample);
      return;
    }
    sample.closed = true;
    this.samples.delete(sample);
    await sample.close().catch(() => undefined);
  }

  /** Waits for a materialization; the last waiter to give up stops it (no read goes on for nobody). */
  private waitFor(building: Building, signal: AbortSignal | undefined): Promise<OpenEngine> {
    building.waiters += 1;
    let waiting = true;
    const leave = () => {
      if (!waiting) return;
      waiting = false;
      building.waiters -= 1;
    };
    return untilAborted(building.promise, signal, () => {
      leave();
      if (building.waiters === 0) building.controller.abort();
    }).finally(leave);
  }

  private async materialize(slices: Record<Tier, TimeSlice[]>, building: Building, countedLines: (lines: CountedLines) => void): Promise<OpenEngine> {
    const { tracker } = building;
    const { signal } = building.controller;
    const now = this.nowMs();
    const settled = (slice: TimeSlice) => isSettled(slice, now, this.deps.lateMarginMs);
    const counted = await this.checkSlices(slices, tracker, signal);
    countedLines(counted);
    // A sample asked for before the read starts is read first: on shared cores, the first answer
    // in seconds is worth the exact one's short wait.
    if (building.sampleWanted && this.worthSampling(counted)) {
      const sample = await this.sampleOf(building, slices, counted.edgeInWindow);
      if (sample) await this.untilQuiet(sample, signal);
      if (signal.aborted) throw requestCancelled();
    }
    const linesRead: Record<Tier, number> = { edge: 0, ingress: 0 };
    const startedMs = this.nowMs();
    const read = (tier: Tier, slice: TimeSlice, file: string) =>
      this.reads.run(
        async () => {
          const lines = await this.deps.readSlice(
            tier,
            slice,
            file,
            (lines) => {
              linesRead[tier] += lines;
              tracker.record({ stage: 'read', tier, linesRead: linesRead[tier], bytesRead: 0, totalBytes: 0, elapsedMs: this.nowMs() - startedMs });
            },
            signal,
          );
          // A read stopped (by a refresh) that finished all the same is not kept: its lines may predate the refresh.
          if (signal.aborted) throw requestCancelled();
          return lines;
        },
        0,
        signal,
      );
    const acquired = await Promise.allSettled(TIERS.map((tier) => this.deps.cache.acquire(tier, slices[tier], settled, read, signal)));
    const release = () => {
      for (const outcome of acquired) if (outcome.status === 'fulfilled') outcome.value.release();
    };
    try {
      for (const outcome of acquired) if (outcome.status === 'rejected') throw outcome.reason;
      const files = Object.fromEntries(TIERS.map((tier, index) => {
        const outcome = acquired[index];
        return [tier, outcome?.status === 'fulfilled' ? outcome.value.files : []];
      })) as Record<Tier, SliceFile[]>;
      // The sample's store goes before the window's is built, unless an answer runs on it: the
      // build is the read's memory peak. A request choosing it later waits for the exact engine.
      const sample = await building.sample;
      if (sample && sample.active === 0) await this.closeSample(sample);
      const backend = this.deps.openEngine({ edge: files.edge.map((file) => file.file), ingress: files.ingress.map((file) => file.file) }, (progress) => tracker.record(progress));
      try {
        // The engine builds its store on first use: built now.
        await backend.fetchExtent();
        // Refreshed while it was built: its lines may predate the refresh.
        if (signal.aborted) throw requestCancelled();
      } catch (error) {
        await backend.close();
        throw error;
      }
      const freshReads = TIERS.flatMap((tier) => files[tier].filter((file) => !file.settled).map((file) => file.readAtMs));
      const engine: OpenEngine = {
        backend,
        notices: mergeNotices(TIERS.flatMap((tier) => files[tier].flatMap((file) => file.notices))),
        spans: { edge: spanOf(slices.edge), ingress: spanOf(slices.ingress) },
        lines: TIERS.reduce((sum, tier) => sum + files[tier].reduce((lines, file) => lines + file.lines, 0), 0),
        currentUntilMs: freshReads.length === 0 ? Infinity : Math.min(...freshReads) + FRESH_REUSE_MS,
        lastUsedMs: this.nowMs(),
        active: 0,
        closed: false,
        release,
        files: TIERS.flatMap((tier) => files[tier].map((file) => file.file)),
      };
      this.engines.unshift(engine);
      this.closeSurplus();
      return engine;
    } catch (error) {
      release();
      throw error;
    }
  }

  /**
   * Counts each slice's documents now (one request per tier): a kept slice whose count changed
   * (late lines, indices deleted or rebuilt) is read again, and the slices to read are the
   * progress estimate. One tier after the other, so a refused request is retried before the next.
   */
  private async checkSlices(slices: Record<Tier, TimeSlice[]>, tracker: LoadTracker, signal: AbortSignal): Promise<CountedLines> {
    const lines: CountedLines = { toRead: 0, edgeInWindow: 0 };
    for (const tier of TIERS) {
      const counts = await this.deps.countSliceDocuments(tier, slices[tier], signal);
      let toRead = 0;
      for (const [index, slice] of slices[tier].entries()) {
        const held = this.deps.cache.heldLines(tier, slice);
        const count = counts[index] ?? 0;
        if (held === count) continue;
        if (held !== null) this.deps.cache.drop(tier, [slice]);
        toRead += count;
      }
      tracker.record({ stage: 'plan', tier, estimatedLines: toRead });
      lines.toRead += toRead;
      if (tier === 'edge') lines.edgeInWindow = counts.reduce((sum, count) => sum + count, 0);
    }
    return lines;
  }

  /** Retires engines beyond the line budget (least recently used first; the most recent stays) and those whose fresh slices are out of date. */
  private closeSurplus(): void {
    const now = this.nowMs();
    this.engines.sort((a, b) => b.lastUsedMs - a.lastUsedMs);
    let lines = 0;
    for (const [index, engine] of [...this.engines].entries()) {
      lines += engine.lines;
      const stale = now >= engine.currentUntilMs;
      if ((index > 0 && lines > this.deps.maxOpenLines) || stale) {
        this.retire(engine);
        lines -= engine.lines;
      }
    }
  }

  private retire(engine: OpenEngine): void {
    const index = this.engines.indexOf(engine);
    if (index >= 0) this.engines.splice(index, 1);
    if (engine.closed) return;
    if (engine.active > 0) {
      // Closed once its last answer is out: a database must not close under a running query.
      const poll = setInterval(() => {
        if (engine.active > 0) return;
        clearInterval(poll);
        this.closeEngine(engine);
      }, 200);
      poll.unref();
      return;
    }
    this.closeEngine(engine);
  }

  /** Closes the engine's database, then lets its slice files go. */
  private closeEngine(engine: OpenEngine): void {
    engine.closed = true;
    void engine.backend.close().finally(engine.release);
  }
}
