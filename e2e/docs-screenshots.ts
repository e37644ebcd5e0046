import { copyFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';

/**
 * Keeps a screenshot of the page with the test's report, and with HOPSCOPE_UPDATE_DOCS_SCREENSHOTS=1
 * (embedded project only) also as docs/<name>.png, the picture the README shows.
 */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const shot = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: shot, fullPage: options.fullPage ?? false });
  await testInfo.attach(name, { path: shot, contentType: 'image/png' });
  if (process.env.HOPSCOPE_UPDATE_DOCS_SCREENSHOTS === '1' && testInfo.project.name === 'embedded') {
    copyFileSync(shot, path.join(__dirname, '..', 'docs', `${name}.png`));
  }
}
