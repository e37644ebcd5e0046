import { HistogramGridSkeleton, Skeleton } from './skeleton';
import { StoreLoadingNotice } from './store-loading-notice';

/** The investigation page's shape while its first answers are computed on the server. */
export function InvestigationSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true">
      <StoreLoadingNotice />
      <Skeleton className="h-10 w-1/2" label="Loading the time window" />
      <Skeleton className="h-28" label="Loading the filters" />
      <Skeleton className="h-6 w-3/4" label="Loading the summary" />
      <HistogramGridSkeleton />
    </div>
  );
}
