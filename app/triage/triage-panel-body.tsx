import 'server-only';
import type { ReactNode } from 'react';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import { toErrorBody } from '@/lib/server/core/error-body';
import { AnswerNotices } from '@/components/states/answer-notices';
import { EmptyState } from '@/components/states/empty-state';
import { PageError } from '@/components/states/page-error';

type TriagePanelBodyProps<T extends { notices: readonly AnswerNotice[] }> = {
  /** What the panel shows, for the error banner ("the correlations"). */
  what: string;
  load: () => Promise<T>;
  /** True when the answer holds no requests: the panel shows the empty state instead. */
  isEmpty: (data: T) => boolean;
  render: (data: T) => ReactNode;
};

const EMPTY_HINTS = ['Widen the time range', 'Remove the app, path or latency filters', 'Go back to the investigation to see what the window holds'];

/**
 * One panel's answer, computed on the server inside its own Suspense boundary. A failure is kept
 * to this panel (with the API's error body and a retry) so the other panels still show. What makes
 * the answer incomplete (failed shards, lines without a readable time) is said above it, empty or not.
 */
export async function TriagePanelBody<T extends { notices: readonly AnswerNotice[] }>({ what, load, isEmpty, render }: TriagePanelBodyProps<T>) {
  let data: T;
  try {
    data = await load();
  } catch (error) {
    const body = toErrorBody(error);
    return <PageError error={body.error} what={what} />;
  }
  return (
    <div className="space-y-2">
      <AnswerNotices notices={data.notices} />
      {isEmpty(data) ? <EmptyState title={`No requests for ${what} in this window`} hints={EMPTY_HINTS} /> : render(data)}
    </div>
  );
}
