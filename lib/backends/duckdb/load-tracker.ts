import type { StoreLoadStatus } from '@/lib/domain/load-status';
import { TIERS, type Tier } from '@/lib/domain/tiers';
import type { LoadProgress } from './load-progress';

/**
 * Folds a load's progress events into one status over both tiers: a tier's lines loaded are the
 * lines Node has read (raw text) or DuckDB's share of the estimate (JSON files and converted
 * text), whichever is further; the estimate is known once both tiers have been planned.
 */
export class LoadTracker {
  private readonly estimated = new Map<Tier, number | null>();
  private readonly loaded = new Map<Tier, number>();
  private building: number | null = null;
  private startedMs: number | null = null;

  constructor(private readonly nowMs: () => number = Date.now) {}

  record(progress: LoadProgress): void {
    this.startedMs ??= this.nowMs();
    if (progress.stage === 'build') {
      this.building = progress.lines;
      return;
    }
    if (progress.stage === 'plan') {
      this.estimated.set(progress.tier, progress.estimatedLines);
      return;
    }
    const estimate = this.estimated.get(progress.tier) ?? null;
    const lines = progress.stage === 'read' ? progress.linesRead : estimate === null ? 0 : Math.round(progress.share * estimate);
    this.loaded.set(progress.tier, Math.max(this.loaded.get(progress.tier) ?? 0, lines));
  }

  status(): StoreLoadStatus {
    const elapsedMs = this.startedMs === null ? 0 : this.nowMs() - this.startedMs;
    const tierLines = { edge: this.loaded.get('edge') ?? 0, ingress: this.loaded.get('ingress') ?? 0 };
    const linesLoaded = TIERS.reduce((sum, tier) => sum + tierLines[tier], 0);
    if (this.building !== null) return { stage: 'building', linesLoaded: this.building, tierLines, linesEstimated: this.building, elapsedMs };
    const estimates = TIERS.map((tier) => this.estimated.get(tier));
    const linesEstimated = estimates.every((estimate) => typeof estimate === 'number')
      ? estimates.reduce<number>((sum, estimate) => sum + (estimate ?? 0), 0)
      : null;
    return { stage: 'loading', linesLoaded, tierLines, linesEstimated, elapsedMs };
  }
}
