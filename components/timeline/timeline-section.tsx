'use client';

import type { ConnectTimelineResponse } from '@/lib/domain/api-responses';
import { TIERS, type Tier } from '@/lib/domain/tiers';
import type { InvestigationState } from '@/lib/url-state';
import type { ApiResource } from '@/components/investigation/use-api-resource';
import { SegmentedControl } from '@/components/segmented-control';
import { ConnectTimelinePanel } from './connect-timeline-panel';

type TimelineSectionProps = {
  state: InvestigationState;
  timelines: Record<Tier, ApiResource<ConnectTimelineResponse>>;
  onStateChange: (change: (current: InvestigationState) => InvestigationState) => void;
  onBrush: (range: { fromMs: number; toMs: number }) => void;
};

/** Both tiers' connect-time timelines, one above the other on the same time range. */
export function TimelineSection({ state, timelines, onStateChange, onBrush }: TimelineSectionProps) {
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
        Drag the handles under a chart (or focus one and use the arrow keys) to narrow the time range.
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
          onRetry={timelines[tier].retry}
        />
      ))}
    </section>
  );
}
