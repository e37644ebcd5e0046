import { expect, test } from './fixtures';

// This project's server reads the Elasticsearch node through an edge index pattern that matches
// no index (playwright.config.ts): the page must say so, naming the pattern, not show zeros.
const PATTERN = 'hopscope-e2e-no-such-index-*';

test.describe('an edge index pattern that matches nothing', () => {
  test('the investigation page shows an empty state naming the pattern', async ({ investigation, page }, testInfo) => {
    await investigation.open();
    const empty = page.getByTestId('empty-state');
    await expect(empty).toContainText(`No Elasticsearch index matches the edge index pattern ${PATTERN}.`);
    await expect(empty).toContainText('Set HOPSCOPE_EDGE_INDEX to a pattern that matches the edge nginx indices');
    const notice = page.getByTestId('answer-notice');
    await expect(notice).toHaveAttribute('data-notice-code', 'no_matching_index');
    await expect(notice).toHaveText(`No Elasticsearch index matches the edge index pattern ${PATTERN} (HOPSCOPE_EDGE_INDEX).`);
    await expect(investigation.histogram('edge')).toHaveCount(0);
    await testInfo.attach('no-matching-index', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  });
});
