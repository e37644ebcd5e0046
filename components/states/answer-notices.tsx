import type { AnswerNotice } from '@/lib/domain/answer-notices';

/**
 * Warnings that come with an answer which is still shown: shards that failed (the numbers leave
 * their documents out), an index pattern matching nothing, or a log_format without a variable
 * the answer needs. One line each, above the answer.
 */
export function AnswerNotices({ notices }: { notices: readonly AnswerNotice[] }) {
  if (notices.length === 0) return null;
  return (
    <div className="space-y-1">
      {notices.map((notice) => (
        <p
          key={`${notice.code}-${notice.tier}-${notice.code === 'missing_field' ? notice.field : ''}`}
          role="alert"
          data-testid="answer-notice"
          data-notice-code={notice.code}
          className="rounded-md border border-amber-400 bg-amber-50 px-3 py-1.5 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100"
        >
          {notice.code === 'partial_shards' && <strong className="font-semibold">{notice.failedShards} of {notice.totalShards} shards failed. </strong>}
          {notice.message}
        </p>
      ))}
    </div>
  );
}
