import 'server-only';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { createLineFilesBackend } from '@/lib/backends/duckdb';
import type { LoadProgressSink } from '@/lib/backends/duckdb/load-progress';
import type { TriageBackend } from '@/lib/backends/triage-types';
import type { CallOptions, LatencyBackend } from '@/lib/backends/types';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import type { SourceAliases } from '@/lib/domain/field-names';
import { describeTierFilter } from '@/lib/domain/tier-filter';
import { needsIngressJoin } from '@/lib/domain/dimension-filters';
import type { TraceQuery } from '@/lib/domain/query';
import { TIERS, type Tier } from '@/lib/domain/tiers';
import { DEFAULT_CACHE_BYTES, DEFAULT_LATE_MARGIN_MS, DEFAULT_MAX_OPEN_LINES, defaultCacheDir, type ElasticsearchBackendConfig } from './backend-config';
import { createElasticsearchClient } from './client';
import { edgeAggregationBlocker } from './edge-distribution';
import { countSliceDocuments, readSlice } from './materialize/read-slice';
import { fetchTraceIdSpread, openSampleEngine } from './materialize/sample-window';
import { DEFAULT_SAMPLE_TARGET_LINES } from '@/lib/domain/trace-id-sample';
import { SliceCache } from './materialize/slice-cache';
import { WindowEngines } from './materialize/window-engines';
import { requiredFieldsOrThrow, sourceAliasesOf, timestampFieldOrThrow, traceIdFieldOrThrow, type FieldPlan } from './query-plan';
import { ElasticsearchSession, toAnswerError } from './session';
import { checkHealth } from './verbs/check-health';
import { fetchEdgeDistribution } from './verbs/fetch-edge-distribution';
import { fetchExtent } from './verbs/fetch-extent';
import { fetchSuggestions } from './verbs/fetch-suggestions';
import { fetchTrace } from './verbs/fetch-trace';

export type { ElasticsearchBackendConfig } from './backend-config';

/** Mappings are read again after this long, so a new daily index with another mapping is noticed. */
const FIELD_PLAN_TTL_MS = 60_000;

/**
 * A window engine's DuckDB memory limit while its store is built, unless HOPSCOPE_DUCKDB_MEMORY_LIMIT
 * sets one: the build comes after the slices' reads, whose memory the process has not all given
 * back yet, and is the server's peak (at a million traces ~950 MB with 384 MB, ~820 MB with 300 MB,
 * on the same read). Its answers then get the store's limit (384 MB): with 320 MB they were
 * slower (a triage verb 363 → 557 ms).
 */
const WINDOW_BUILD_MEMORY_LIMIT = '320MB';

/** The DuckDB memory limit of a sampled first answer's engine (~25,000 traces). */
const SAMPLE_MEMORY_LIMIT = '128MB';

/**
 * Bumped whenever the lines' normalization changes: slices read by an older version are then not
 * reused (3: fields whose configured names are aliases are read at the alias's path).
 */
const LINE_FILE_VERSION = 3;

const ENV_OF_TIER = { edge: 'HOPSCOPE_EDGE_INDEX', ingress: 'HOPSCOPE_INGRESS_INDEX' } as const;

/** A tier whose pattern matched no index: said so, naming the pattern, rather than an unexplained empty answer. */
function noMatchNotices(plan: FieldPlan, session: ElasticsearchSession): AnswerNotice[] {
  return TIERS.flatMap((tier) => {
    if (plan.matchedIndices?.[tier] !== 0) return [];
    const indexPattern = session.indexOf(tier);
    const message = `No Elasticsearch index matches the ${tier} index pattern ${indexPattern} (${ENV_OF_TIER[tier]}).`;
    return [{ code: 'no_matching_index' as const, tier, indexPattern, message }];
  });
}

/** The cluster, indices, tier filters and field names a cache folder holds lines of: another configuration never reads them. */
function cacheFolder(config: ElasticsearchBackendConfig): string {
  const identity = JSON.stringify({
    url: config.url,
    edge: config.edgeIndex,
    ingress: config.ingressIndex,
    fields: config.fields,
    filters: config.tierFilters ?? {},
    version: LINE_FILE_VERSION,
  });
  return path.join(config.cacheDir ?? defaultCacheDir(), createHash('sha256').update(identity).digest('hex').slice(0, 16));
}

/**
 * The production backend: the users' own Elasticsearch, read-only (docs/ARCHITECTURE.md,
 * "Materialized windows"). A window's lines are read once, by slices of time, into the engine's
 * tables, and every analytic verb is answered by the engine, as on the embedded store. Elasticsearch
 * itself answers what needs no join: the edge histogram of a window not yet materialized (the
 * first bar), trace details (every line of a trace, at any time), suggestions and the data's extent.
 */
export function createElasticsearchBackend(config: ElasticsearchBackendConfig): LatencyBackend {
  const client = createElasticsearchClient(config);
  let cachedPlan: { plan: Promise<FieldPlan>; expiresMs: number } | null = null;
  /**
   * Where each tier's `_source` keeps fields whose configured names are aliases, as the latest
   * field plan says: every answer from a window reads the plan first (fromEngine), so the slices
   * it reads and the engine over them read fields alike.
   */
  let knownAliases: Record<Tier, SourceAliases> = { edge: {}, ingress: {} };

  const fieldPlan = (session: ElasticsearchSession): Promise<FieldPlan> => {
    if (cachedPlan && cachedPlan.expiresMs > Date.now()) return cachedPlan.plan;
    const plan = session.fetchFieldPlan();
    cachedPlan = { plan, expiresMs: Date.now() + FIELD_PLAN_TTL_MS };
    plan.then(
      (resolved) => {
        knownAliases = sourceAliasesOf(resolved);
      },
      () => {
        if (cachedPlan?.plan === plan) cachedPlan = null;
      },
    );
    return plan;
  };

  /**
   * Runs a verb in a session; `snapshot` reads one point in time per tier across its requests.
   * What makes the answer incomplete (an index pattern matching nothing, failed shards) goes to
   * the caller's `onNotice`; a tier whose indices lack a required field is refused.
   */
  const run = async <T>(options: CallOptions | undefined, snapshot: boolean, verb: (session: ElasticsearchSession, plan: FieldPlan) => Promise<T>) => {
    const session = new ElasticsearchSession(client, config, options?.signal);
    try {
      const plan = await fieldPlan(session);
      for (const notice of noMatchNotices(plan, session)) options?.onNotice?.(notice);
      for (const tier of TIERS) requiredFieldsOrThrow(plan, tier);
      if (snapshot) await session.openSnapshot();
      const answer = await verb(session, plan);
      for (const notice of session.notices()) options?.onNotice?.(notice);
      return answer;
    } catch (error) {
      throw toAnswerError(error, (tier) => session.indexOf(tier));
    } finally {
      // Not awaited: closing is a courtesy (points in time expire), and the answer need not wait for it.
      void session.close();
    }
  };

  /**
   * A session of its own for reading slices: shared by every request waiting for them, so no
   * caller's abort ends it. Its notices (failed shards) come with the answer.
   */
  const withReadSession = async <T>(
    tiers: readonly Tier[],
    signal: AbortSignal,
    read: (session: ElasticsearchSession) => Promise<T>,
  ): Promise<{ answer: T; notices: AnswerNotice[] }> => {
    const session = new ElasticsearchSession(client, config, signal);
    try {
      if (tiers.length > 0) await session.openSnapshot(tiers);
      const answer = await read(session);
      return { answer, notices: session.notices() };
    } catch (error) {
      throw toAnswerError(error, (tier) => session.indexOf(tier));
    } finally {
      void session.close();
    }
  };

  /** Where a window's lines were read, as its answers and snapshots say it: the pattern, and the tier's filter when set. */
  const linesSources = Object.fromEntries(
    TIERS.map((tier) => {
      const pattern = tier === 'edge' ? config.edgeIndex : config.ingressIndex;
      const filter = config.tierFilters?.[tier];
      return [tier, filter ? `${pattern} where ${describeTierFilter(filter)}` : pattern];
    }),
  ) as Record<Tier, string>;

  const openEngine = (files: Record<Tier, string[]>, onProgress?: LoadProgressSink, memoryLimit = config.memoryLimit) =>
    createLineFilesBackend(
      files,
      { fields: config.fields, sourceAliases: knownAliases, sources: linesSources, onLoadProgress: onProgress },
      { memoryLimit, threads: config.threads, buildMemoryLimit: config.memoryLimit ? undefined : WINDOW_BUILD_MEMORY_LIMIT },
    );

  const windows = new WindowEngines({
    cache: new SliceCache(cacheFolder(config), config.cacheBytes ?? DEFAULT_CACHE_BYTES),
    readSlice: async (tier, slice, file, onLines, signal) => {
      const { answer, notices } = await withReadSession([tier], signal, (session) => readSlice(session, config.fields[tier], knownAliases[tier], tier, slice, file, onLines));
      return { lines: answer, notices };
    },
    countSliceDocuments: async (tier, slices, signal) =>
      (await withReadSession([], signal, (session) => countSliceDocuments(session, tier, config.fields[tier].timestamp, slices))).answer,
    openEngine,
    openSample: (slices, edgeLinesInWindow, signal) =>
      openSampleEngine(
        {
          targetLines: config.sampleTargetLines ?? DEFAULT_SAMPLE_TARGET_LINES,
          traceIdFields: async (readSignal) => {
            const session = new ElasticsearchSession(client, config, readSignal);
            const plan = await fieldPlan(session);
            return { edge: traceIdFieldOrThrow(plan, 'edge').name, ingress: traceIdFieldOrThrow(plan, 'ingress').name };
          },
          spread: async (traceIdField, span, range, readSignal) =>
            (await withReadSession([], readSignal, (session) => fetchTraceIdSpread(session, config.fields.edge.timestamp, traceIdField, span, range))).answer,
          readSample: async (tier, span, file, traceIds, readSignal) => {
            const { answer, notices } = await withReadSession([tier], readSignal, (session) =>
              readSlice(session, config.fields[tier], knownAliases[tier], tier, span, file, () => undefined, traceIds),
            );
            return { lines: answer, notices };
          },
          // A sample's store is small, and it stays open beside the window's exact one while that is built.
          openEngine: (files) => openEngine(files, undefined, SAMPLE_MEMORY_LIMIT),
        },
        slices,
        edgeLinesInWindow,
        signal,
      ),
    sampleThresholdLines: config.sampleThresholdLines,
    lateMarginMs: config.lateMarginMs ?? DEFAULT_LATE_MARGIN_MS,
    maxOpenLines: config.maxOpenLines ?? DEFAULT_MAX_OPEN_LINES,
  });

  /** Answers from the engine holding the window, after the checks every answer gets (mappings, index patterns). */
  const fromEngine = async <T>(window: { fromMs: number; toMs: number }, options: CallOptions | undefined, verb: (engine: LatencyBackend) => Promise<T>): Promise<T> => {
    // Slices are time ranges and a date histogram of the time field, which must be a date; every
    // other field is read from the lines' `_source`, whatever its mapping.
    await run(options, false, async (_session, plan) => {
      for (const tier of TIERS) timestampFieldOrThrow(plan, tier);
    });
    try {
      return await windows.use(window.fromMs, window.toMs, verb, { onNotice: options?.onNotice, signal: options?.signal, firstAnswer: options?.firstAnswer });
    } catch (error) {
      throw toAnswerError(error, (tier) => (tier === 'edge' ? config.edgeIndex : config.ingressIndex));
    }
  };

  const triage: TriageBackend = {
    kind: 'elasticsearch',
    fetchSegmentStats: (query, slow, options) => fromEngine(query, options, (engine) => engine.triage.fetchSegmentStats(query, slow, options)),
    fetchFieldValueCounts: (query, slow, fields, limitPerField, options) =>
      fromEngine(query, options, (engine) => engine.triage.fetchFieldValueCounts(query, slow, fields, limitPerField, options)),
    fetchConnectDistributions: (query, maxGroups, options) => fromEngine(query, options, (engine) => engine.triage.fetchConnectDistributions(query, maxGroups, options)),
  };

  /** The field plan alone: its problems become answer errors, and no notice is told (the answer's own call tells them). */
  const planFor = async (options: CallOptions | undefined): Promise<FieldPlan> => {
    const session = new ElasticsearchSession(client, config, options?.signal);
    try {
      return await fieldPlan(session);
    } catch (error) {
      throw toAnswerError(error, (tier) => session.indexOf(tier));
    } finally {
      void session.close();
    }
  };

  /**
   * The edge histogram straight from Elasticsearch while the window is not materialized, when no
   * ingress filter needs the join and the mappings let Elasticsearch aggregate it exactly.
   */
  const edgeDistributionDirect = async (query: TraceQuery, options: CallOptions | undefined) =>
    !needsIngressJoin(query.filters) && !windows.isReady(query.fromMs, query.toMs) && edgeAggregationBlocker(await planFor(options), query.filters) === null;

  return {
    kind: 'elasticsearch',

    triage,

    fetchDistributions: (query, options) => fromEngine(query, options, (engine) => engine.fetchDistributions(query, options)),

    fetchEdgeDistribution: async (query, options) =>
      (await edgeDistributionDirect(query, options))
        ? run(options, true, (session, plan) => fetchEdgeDistribution(session, plan, query))
        : fromEngine(query, options, (engine) => engine.fetchEdgeDistribution(query, options)),

    fetchBucketTraces: (query, selection, page, options) => fromEngine(query, options, (engine) => engine.fetchBucketTraces(query, selection, page, options)),

    fetchTrace: (traceId, options) => run(options, false, (session, plan) => fetchTrace(session, plan, traceId)),

    fetchConnectTimeline: (query, timeline, options) => fromEngine(query, options, (engine) => engine.fetchConnectTimeline(query, timeline, options)),

    fetchSuggestions: (query, field, prefix, limit, options) =>
      run(options, false, (session, plan) => fetchSuggestions(session, plan, query, field, prefix, limit)),

    fetchExtent: (options) => run(options, false, (session, plan) => fetchExtent(session, plan)),

    checkHealth: async (options) => {
      const session = new ElasticsearchSession(client, config, options?.signal);
      return checkHealth(session, config.url, () => fieldPlan(session));
    },

    async freezeWindow(plan, options) {
      const frozen = await fromEngine(plan, options, (engine) => engine.freezeWindow(plan, options));
      return { ...frozen, sources: linesSources };
    },

    loadStatus: () => windows.status(),

    refreshWindow: (fromMs, toMs) => windows.refresh(fromMs, toMs),
    isWindowReady: (fromMs, toMs) => windows.isReady(fromMs, toMs),

    close: async () => {
      await windows.close();
      await client.close();
    },
  };
}
