import type { SampleStatement } from '@/lib/domain/trace-id-sample';

/**
 * Says that what is shown is a sampled first answer (a cold Elasticsearch window, docs/API.md):
 * which traces, how many, and that the exact answer replaces it. `brief` is the verdict's line.
 */
export function SampleNotice({ statement, brief }: { statement: SampleStatement; brief?: string }) {
  return (
    <p
      role="status"
      data-testid="sample-notice"
      className="rounded-md border border-violet-300 bg-violet-50 px-3 py-1.5 text-sm text-violet-950 dark:border-violet-700 dark:bg-violet-950 dark:text-violet-100"
    >
      {brief ? `${brief} comes from a sample of about 1 in ${Math.round(1 / statement.fraction)} traces; the exact one replaces it once the whole window is read.` : statement.message}
    </p>
  );
}
