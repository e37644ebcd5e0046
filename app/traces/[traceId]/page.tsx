import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ApiErrorBody, TraceResponse } from '@/lib/domain/api-responses';
import { AppError } from '@/lib/server/core/errors';
import { getBackend } from '@/lib/server/backend';
import { toErrorBody } from '@/lib/server/core/error-body';
import { getTrace } from '@/lib/services/get-trace';
import { parseInvestigationState, toInvestigationHref, type SearchParamsInput } from '@/lib/url-state';
import { PageError } from '@/components/states/page-error';
import { TraceView } from '@/components/trace/trace-view';

export const dynamic = 'force-dynamic';

type TracePageProps = { params: Promise<{ traceId: string }>; searchParams: Promise<SearchParamsInput> };

function decodeTraceId(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: TracePageProps): Promise<Metadata> {
  return { title: `hopscope · trace ${decodeTraceId((await params).traceId)}` };
}

/** One trace: its waterfall, both tiers' numbers and raw documents, and the way back. */
export default async function TracePage({ params, searchParams }: TracePageProps) {
  const traceId = decodeTraceId((await params).traceId);
  const state = parseInvestigationState(await searchParams);
  const backHref = toInvestigationHref(state);
  let trace: TraceResponse | null = null;
  let failure: ApiErrorBody['error'] | null = null;
  try {
    trace = await getTrace(await getBackend(), traceId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    failure = toErrorBody(error).error;
  }
  return (
    <main className="mx-auto max-w-[1600px] space-y-4 p-4">
      <Link href={backHref} className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
        ← Back to the investigation
      </Link>
      {failure && <PageError error={failure} what={`trace ${traceId}`} />}
      {trace && <TraceView trace={trace} timeZoneMode={state.timeZone} />}
    </main>
  );
}
