'use client';

import type { ApiErrorBody, ConnectTimelineResponse } from '@/lib/domain/api-responses';
import type { TimelineGroupBy } from '@/lib/domain/connect-timeline';
import type { Tier } from '@/lib/domain/tiers';
import type { TimelineStat, TimeZoneMode } from '@/lib/url-state';
import { formatCount } from '@/components/format';
import { SegmentedControl } from '@/components/segmented-control';
import { AnswerNotices } from '@/components/states/answer-notices';
import { ErrorBanner } from '@/components/states/error-banner';
import { Skeleton } from '@/components/states/skeleton';
import { ConnectTimelineChart } from './connect-timeline-chart';
import type { TimelinePoint } from './timeline-interactions';

const TIER_TITLES: Record<Tier, string> = {
  edge: 'Edge → ingress connect time (edge upstream_connect_time)',
  ingress: 'Ingress → app connect time (ingress upstream_connect_time)',
};

type ConnectTimelinePanelProps = {
  tier: Tier;
  groupBy: TimelineGroupBy;
  stat: TimelineStat;
  timeZoneMode: TimeZoneMode;
  timeline: ConnectTimelineResponse | null;
  error: ApiErrorBody['error'] | null;
  loading: boolean;
  onGroupByChange: (groupBy: TimelineGroupBy) => void;
  onBrush: (range: { fromMs: number; toMs: number }) => void;
  onOpenPoint: (point: TimelinePoint) => void;
  onRetry: () => void;
};

/** One tier's connect-time timeline with its grouping switch and its states. */
export function ConnectTimelinePanel(props: ConnectTimelinePanelProps) {
  const { tier, timeline, error, loading } = props;
  const empty = timeline !== null && timeline.series.every((series) => series.points.length === 0);
  return (
    <section
      aria-labelledby={`timeline-title-${tier}`}
      data-testid={`timeline-${tier}`}
      aria-busy={loading}
      className="min-w-0 space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`timeline-title-${tier}`} className="text-sm font-semibold">
          {TIER_TITLES[tier]}
        </h3>
        <SegmentedControl
          label="Group by"
          value={props.groupBy}
          options={[
            { value: 'upstreamAddr', label: 'upstream_addr' },
            { value: 'host', label: 'host' },
          ]}
          onChange={props.onGroupByChange}
        />
      </div>
      {error && <ErrorBanner error={error} what={`the ${tier} connect-time timeline`} onRetry={props.onRetry} />}
      {timeline && <AnswerNotices notices={timeline.notices} />}
      {!timeline && !error && <Skeleton className="h-64" label={`Loading the ${tier} timeline`} />}
      {timeline && empty && (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-4 text-sm dark:border-slate-600">
          No {tier} line in this range has an upstream_connect_time.
        </p>
      )}
      {timeline && !empty && (
        <div className={loading ? 'opacity-60 transition-opacity' : ''}>
          <ConnectTimelineChart timeline={timeline} stat={props.stat} timeZoneMode={props.timeZoneMode} onBrush={props.onBrush} onOpenPoint={props.onOpenPoint} />
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
            {timeline.binMs / 1000} s bins · {props.stat} per bin and group
            {timeline.withoutConnectTime > 0 && ` · ${formatCount(timeline.withoutConnectTime)} lines without a connect time`}
          </p>
        </div>
      )}
    </section>
  );
}
