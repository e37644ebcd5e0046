/** A grey placeholder block with the given height while data loads. */
export function Skeleton({ className = 'h-52', label }: { className?: string; label?: string }) {
  return (
    <div
      role="status"
      aria-label={label ?? 'Loading'}
      className={`animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800 ${className}`}
    />
  );
}

/** Placeholders in the shape of the four histograms. */
export function HistogramGridSkeleton() {
  return (
    <div className="grid grid-cols-1 gap-3 min-[1100px]:grid-cols-2" aria-busy="true">
      {[0, 1, 2, 3].map((index) => (
        <Skeleton key={index} className="h-64" label="Loading histogram" />
      ))}
    </div>
  );
}
