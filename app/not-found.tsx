import Link from 'next/link';

/**
 * hopscope's own 404 for a page address it does not have (a mistyped link from the incident
 * channel): say so and lead to the pages that exist. API paths answer JSON errors instead.
 */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-3xl space-y-3 p-6" data-testid="page-not-found">
      <h1 className="text-lg font-semibold">No such page</h1>
      <p>hopscope has no page at this address. A permalink keeps its parameters after the page name: check the part before the “?”.</p>
      <ul className="list-disc pl-5 text-sm">
        <li>
          <Link href="/" className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
            The investigation
          </Link>{' '}
          — the four histograms, the verdict, the drill-down and the timelines.
        </li>
        <li>
          <Link href="/triage" className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
            The triage page
          </Link>{' '}
          — attribution, correlations, retransmissions, connection reuse and the window comparison.
        </li>
      </ul>
    </main>
  );
}
