/**
 * Where the first histogram's time goes in the browser: one navigation to the investigation page
 * with Chromium's CPU profiler on (CDP), reporting the page's own milestones, the scripts it
 * loaded, and the main thread's self time by script and by function until the first bar.
 *
 *   npx tsx scripts/bench/profile-paint.ts --url 'http://127.0.0.1:3000/?from=…&to=…'
 *
 * A diagnostic for the "first histogram painted" target; the harness measures, this explains.
 */
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { selfTimeBy, type CpuProfile } from './cpu-profile';

const shortUrl = (url: string): string => (url === '' ? '(native / idle / GC)' : url.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, ''));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' } } });
  if (!values.url) throw new Error('usage: --url URL of the investigation page');
  const browser = await chromium.launch({
    executablePath: process.env.HOPSCOPE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const started = performance.now();
    await page.goto(values.url, { waitUntil: 'commit', timeout: 600_000 });
    await page.locator('[data-testid="histogram-edge"] [data-bar-index]').first().waitFor({ state: 'visible', timeout: 600_000 });
    const wallMs = performance.now() - started;
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const timing = await page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => entry.initiatorType === 'script');
      return {
        responseStart: navigation.responseStart,
        responseEnd: navigation.responseEnd,
        domContentLoaded: navigation.domContentLoadedEventEnd,
        scripts: scripts.map((entry) => ({ name: entry.name, bytes: entry.decodedBodySize, end: entry.responseEnd })),
      };
    });
    const sampledMs = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0) / 1000;
    console.log(`first bar visible after ${wallMs.toFixed(0)} ms (seen from Playwright)`);
    console.log(
      `document: first byte ${timing.responseStart.toFixed(0)} ms, last byte (server finished streaming) ${timing.responseEnd.toFixed(0)} ms, DOMContentLoaded ${timing.domContentLoaded.toFixed(0)} ms`,
    );
    const scriptBytes = timing.scripts.reduce((sum, script) => sum + script.bytes, 0);
    console.log(`${timing.scripts.length} scripts, ${(scriptBytes / 1024).toFixed(0)} KiB decoded; the last arrived at ${Math.max(0, ...timing.scripts.map((s) => s.end)).toFixed(0)} ms`);
    console.log(`renderer main thread, ${sampledMs.toFixed(0)} ms profiled; self time by script:`);
    for (const [url, ms] of selfTimeBy(profile, (node) => shortUrl(node.callFrame.url)).slice(0, 8)) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${url}`);
    console.log('self time by function:');
    const byFunction = selfTimeBy(profile, (node) => `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber}`);
    for (const [name, ms] of byFunction.slice(0, 12)) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${name}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`profile-paint: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
