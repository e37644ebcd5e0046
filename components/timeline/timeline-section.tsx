'use client';

import type { ConnectTimelineResponse } from '@/lib/domain/api-responses';
import { TIERS, type Tier } from '@/lib/domain/tiers';
import type { InvestigationState } from '@/lib/url-state';
import type { ApiResource } from '@/components/investigation/use-api-resource';
import { SegmentedControl } from '@/components/segmented-control';
import { ConnectTimelinePanel } from './connect-timeline-panel';
import type { TimelinePoint } from './timeline-interactions';

type TimelineSectionProps = {
  state: InvestigationState;
  timelines: Record<Tier, ApiResource<ConnectTimelineResponse>>;
  onStateChange: (change: (current: InvestigationState) => InvestigationState) => void;
  onBrush: (range: { fromMs: number; toMs: number }) => void;
  /** Opens a point's traces (see toPointDrillState). */
  onOpenPoint: (point: TimelinePoint) => void;
};

/** Both tiers' connect-time timelines, one above the other on the same time range. */
export function TimelineSection({ state, timelines, onStateChange, onBrush, onOpenPoint }: TimelineSectionProps) {
  return (
    <section aria-labelledby="timelines-heading" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="timelines-heading" className="text-base font-semibold">
          Connect time over time
        </h2>
        <SegmentedControl
          label="Per bin"
          value={state.timelineStat}
          options={[
            { value: 'max', label: 'max' },
            { value: 'p99', label: 'p99' },
            { value: 'p50', label: 'p50' },
          ]}
          onChange={(timelineStat) => onStateChange((current) => ({ ...current, timelineStat }))}
        />
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-300">
        Click a point (or focus a chart, move with the arrow keys and press Enter) to open its traces. Drag across a chart to zoom
        into that span (Escape cancels), or move the handles under it. The legend buttons hide and show series.
      </p>
      {TIERS.map((tier) => (
        <ConnectTimelinePanel
          key={tier}
          tier={tier}
          groupBy={state.groupBy[tier]}
          stat={state.timelineStat}
          timeZoneMode={state.timeZone}
          timeline={timelines[tier].data}
          error={timelines[tier].error}
          loading={timelines[tier].loading}
          onGroupByChange={(groupBy) => onStateChange((current) => ({ ...current, groupBy: { ...current.groupBy, [tier]: groupBy } }))}
          onBrush={onBrush}
          onOpenPoint={onOpenPoint}
          onRetry={timelines[tier].retry}
        />
      ))}
    </section>
  );
}
