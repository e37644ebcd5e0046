import { HistogramGridSkeleton, Skeleton } from '@/components/states/skeleton';

/** Shown while the investigation page's first answers are computed on the server. */
export default function Loading() {
  return (
    <main className="mx-auto max-w-[1600px] space-y-4 p-4" aria-busy="true">
      <Skeleton className="h-10 w-1/2" label="Loading the time window" />
      <Skeleton className="h-28" label="Loading the filters" />
      <Skeleton className="h-6 w-3/4" label="Loading the summary" />
      <HistogramGridSkeleton />
    </main>
  );
}
