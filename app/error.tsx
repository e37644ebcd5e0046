'use client';

import { ErrorBanner } from '@/components/states/error-banner';

/**
 * Last resort for a page that failed to render (the pages show backend failures themselves, with
 * the backend's message). In production Next.js hides server error details; the digest points to
 * the server log.
 */
export default function PageFailed({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-3xl p-6">
      <ErrorBanner
        error={{ code: error.digest ? `digest ${error.digest}` : 'render_error', message: error.message || 'The page failed to render.' }}
        what="this page"
        onRetry={reset}
      />
    </main>
  );
}
