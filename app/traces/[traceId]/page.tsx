import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ApiErrorBody, TraceResponse } from '@/lib/domain/api-responses';
import { AppError } from '@/lib/server/core/errors';
import { getBackendFor } from '@/lib/server/backend';
import { toErrorBody } from '@/lib/server/core/error-body';
import { getTrace } from '@/lib/services/get-trace';
import { parseInvestigationState, toInvestigationHref, type SearchParamsInput } from '@/lib/url-state';
import { AnswerNotices } from '@/components/states/answer-notices';
import { PageError } from '@/components/states/page-error';
import { SnapshotBanner } from '@/components/snapshots/snapshot-banner';
import { TraceView } from '@/components/trace/trace-view';
import { readSnapshotBanner } from '@/app/read-snapshot-banner';

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
  const snapshot = await readSnapshotBanner(state.query.snapshot);
  let trace: TraceResponse | null = null;
  let failure: ApiErrorBody['error'] | null = null;
  try {
    // Inside a snapshot the trace is read from its frozen window (raw lines only when they were kept).
    trace = await getTrace(await getBackendFor(state.query.snapshot), traceId);
  } catch (error) {
    // An unknown snapshot is named by the banner and the error below; only an unknown trace is a 404.
    const snapshotFailed = snapshot !== null && snapshot.detail === null;
    if (error instanceof AppError && error.code === 'not_found' && !snapshotFailed) notFound();
    failure = toErrorBody(error).error;
  }
  return (
    <main className="mx-auto max-w-[1600px] space-y-4 p-4">
      <Link href={backHref} className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
        ← Back to the investigation
      </Link>
      {snapshot && <SnapshotBanner snapshot={snapshot} timeZoneMode={state.timeZone} />}
      {failure && <PageError error={failure} what={`trace ${traceId}`} />}
      {trace && <AnswerNotices notices={trace.notices} />}
      {trace && <TraceView trace={trace} timeZoneMode={state.timeZone} state={state} />}
    </main>
  );
}
