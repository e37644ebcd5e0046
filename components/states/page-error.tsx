'use client';

import { useRouter } from 'next/navigation';
import type { ApiErrorBody } from '@/lib/domain/api-responses';
import { ErrorBanner } from './error-banner';

/** A server page's failure with the backend's message; Retry renders the page again. */
export function PageError({ error, what }: { error: ApiErrorBody['error']; what: string }) {
  const router = useRouter();
  return <ErrorBanner error={error} what={what} onRetry={() => router.refresh()} />;
}
