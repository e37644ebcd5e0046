'use client';

import type { ApiErrorBody } from '@/lib/domain/api-responses';

type ErrorBannerProps = { error: ApiErrorBody['error']; what: string; onRetry?: () => void };

/** The backend's own message, what failed, and a retry. */
export function ErrorBanner({ error, what, onRetry }: ErrorBannerProps) {
  return (
    <div
      role="alert"
      data-testid="error-banner"
      data-error-code={error.code}
      className="flex flex-wrap items-start justify-between gap-3 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <div className="min-w-0">
        <p className="font-semibold">Could not load {what}</p>
        <p className="break-words">
          {error.message}
          {error.parameter && <span> (parameter <code className="font-mono">{error.parameter}</code>)</span>}
        </p>
        <p className="text-xs opacity-80">code: {error.code}</p>
      </div>
      {onRetry && (
        <button
          type="button"
          onClick={onRetry}
          className="rounded-md border border-red-400 bg-white px-3 py-1 font-medium text-red-900 hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-amber-500 dark:border-red-700 dark:bg-red-900 dark:text-red-50 dark:hover:bg-red-800"
        >
          Retry
        </button>
      )}
    </div>
  );
}
