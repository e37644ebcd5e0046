import { expect, test } from './fixtures';
import { UI_ONLY } from './tags';

const ID_IN_LINK = /\/s\/([0-9a-f]{32})$/;

test.describe('snapshots', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('a snapshot reopens the same view of the frozen window, keeps snapshot= in its links, is listed, and is deleted', async ({
    investigation,
    snapshots,
    tracePage,
    page,
    sampleWindow,
    baseURL,
  }, testInfo) => {
    // The live view: the numbers the snapshot must show again.
    await investigation.open(sampleWindow);
    const live = await investigation.numbers();
    const liveEdgeTraces = await page.getByTestId('count-edge').textContent();
    await expect(snapshots.button).toBeVisible();

    // Take it: the title offered names the window; the answer is an absolute link on this origin.
    await snapshots.button.click();
    await expect(snapshots.form.getByLabel('Title')).toHaveValue(/^Incident \d{4}-\d\d-\d\d \d\d:\d\d–/);
    await snapshots.button.click();
    const title = `e2e ${testInfo.project.name} ${Date.now()}`;
    const link = await snapshots.take({ title, note: 'The 1 s SYN retransmissions through ingress-node-2.' });
    expect(link.startsWith(`${baseURL}/s/`), link).toBe(true);
    const id = ID_IN_LINK.exec(link)?.[1];
    expect(id, link).toBeDefined();

    // Open it: the investigation view of the frozen window, with the banner and the same numbers.
    await page.goto(link);
    await expect(page).toHaveURL(new RegExp(`/\\?snapshot=${id}&`));
    await investigation.settled();
    await expect(snapshots.banner).toContainText(title);
    await expect(snapshots.banner).toContainText('The 1 s SYN retransmissions through ingress-node-2.');
    await expect(snapshots.banner).toContainText(testInfo.project.name === 'elasticsearch' ? 'from Elasticsearch (' : 'from the embedded store (');
    await expect(snapshots.banner).toContainText(/Frozen at .* traces? keeps? (their|its) raw lines/);
    expect(await investigation.numbers()).toEqual(live);
    await expect(page.getByTestId('count-edge')).toHaveText(liveEdgeTraces!);
    // A snapshot is not taken of a snapshot.
    await expect(snapshots.button).toHaveCount(0);

    // The permalink made inside keeps the snapshot.
    await page.getByRole('button', { name: 'Copy permalink' }).click();
    await expect(page.getByTestId('permalink')).toHaveValue(new RegExp(`[?&]snapshot=${id}(&|$)`));

    // Drill-down and trace detail answer from the frozen window, as the live view does.
    await investigation.bar('ingress', '1000–1100 ms').click();
    await expect(investigation.rows.first()).toBeVisible({ timeout: 60_000 });
    await expect(page).toHaveURL(new RegExp(`snapshot=${id}`));
    const frozenIds = await investigation.traceIds();
    const traceId = frozenIds[0]!;
    await investigation.rows.first().getByTestId('cell-trace-id').getByRole('link').click();
    await tracePage.ready();
    await expect(page.getByTestId('trace-id')).toHaveText(traceId);
    await expect(snapshots.banner).toContainText(title);
    // A slow-tail trace keeps its raw lines.
    await expect(tracePage.raw('ingress')).toContainText(traceId);
    await expect(tracePage.backLink).toHaveAttribute('href', new RegExp(`snapshot=${id}`));
    await tracePage.backLink.click();
    await investigation.settled();

    // The live view of the same URL: no banner, the same drill-down page.
    await page.getByTestId('snapshot-live-link').click();
    await expect(page).not.toHaveURL(/snapshot=/);
    await investigation.settled();
    await expect(snapshots.banner).toHaveCount(0);
    await expect(investigation.rows.first()).toBeVisible({ timeout: 60_000 });
    expect(await investigation.traceIds()).toEqual(frozenIds);

    // Listed, newest first among others, with its link.
    await snapshots.openList();
    const row = snapshots.row(id!);
    await expect(row.getByRole('link', { name: title })).toHaveAttribute('href', `/s/${id}`);
    await expect(row).toContainText(testInfo.project.name === 'elasticsearch' ? 'Elasticsearch' : 'the embedded store');

    // Deleted after the confirmation: the row goes, and the link no longer opens.
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: `Delete the snapshot ${title}` }).click();
    await expect(row).toHaveCount(0);
    await page.reload();
    await expect(snapshots.row(id!)).toHaveCount(0);
    const gone = await page.goto(`/s/${id}`);
    expect(gone?.status()).toBe(404);
    await expect(page.getByTestId('page-not-found')).toBeVisible();
  });

  test('a malformed or unknown snapshot is named where the banner would be, and its link is a 404', UI_ONLY, async ({ page, snapshots, sampleWindow }) => {
    await page.goto(`/?${new URLSearchParams({ snapshot: '../../etc', ...sampleWindow })}`);
    await expect(snapshots.banner.getByTestId('error-banner')).toHaveAttribute('data-error-code', 'invalid_parameter');
    await expect(snapshots.banner.getByTestId('snapshot-live-link')).toHaveAttribute('href', `/?${new URLSearchParams(sampleWindow)}`);

    const unknown = '0'.repeat(32);
    await page.goto(`/?${new URLSearchParams({ snapshot: unknown, ...sampleWindow })}`);
    await expect(snapshots.banner.getByTestId('error-banner')).toHaveAttribute('data-error-code', 'not_found');
    // The view's own requests refuse it too, rather than showing live data under a snapshot's name.
    await expect(page.locator('[data-hydrated] [data-testid="error-banner"]').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('histogram-edge')).toHaveCount(0);

    for (const id of ['nope', unknown]) {
      const response = await page.goto(`/s/${id}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByTestId('page-not-found')).toBeVisible();
    }
  });

  test('the Snapshot form says why the server refused, in place', UI_ONLY, async ({ investigation, snapshots, page, sampleWindow }) => {
    await investigation.open(sampleWindow);
    await page.route('**/api/v1/snapshots', (route) =>
      route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ error: { code: 'forbidden', message: 'snapshots are switched off' } }) }),
    );
    await snapshots.button.click();
    await snapshots.form.getByRole('button', { name: 'Create' }).click();
    await expect(snapshots.form.getByTestId('snapshot-error')).toHaveText('Could not take the snapshot: snapshots are switched off');
    await expect(snapshots.link).toHaveCount(0);
  });
});
