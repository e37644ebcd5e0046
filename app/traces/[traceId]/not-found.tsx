'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { parseInvestigationState, toInvestigationHref } from '@/lib/url-state';

/** Unknown trace id: say which one, why that happens, and lead back with the same filters. */
export default function TraceNotFound() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const segment = pathname.split('/').pop() ?? '';
  let traceId = segment;
  try {
    traceId = decodeURIComponent(segment);
  } catch {}
  const backHref = toInvestigationHref(parseInvestigationState(new URLSearchParams(searchParams.toString())));
  return (
    <main className="mx-auto max-w-3xl space-y-3 p-6" data-testid="trace-not-found">
      <h1 className="text-lg font-semibold">Trace not found</h1>
      <p>
        Neither the edge nor the ingress logs hold a line with trace_id <code className="font-mono break-all">{traceId}</code>.
      </p>
      <ul className="list-disc pl-5 text-sm text-slate-600 dark:text-slate-300">
        <li>Check the id: it is matched exactly, including the “:0:1” suffix of Jaeger-style ids.</li>
        <li>The trace may be older than the loaded files or the indices’ retention.</li>
      </ul>
      <Link href={backHref} className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
        ← Back to the investigation
      </Link>
    </main>
  );
}
