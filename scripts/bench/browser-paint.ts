import { chromium, type Browser } from '@playwright/test';
import { onCleanup } from './cleanup';
import { summarize, type TimingSummary } from './stats';

/** Debian's Chromium: the harness never downloads a browser. */
const CHROMIUM = process.env.HOPSCOPE_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
const FIRST_BAR = '[data-testid="histogram-edge"] [data-bar-index]';
const NAVIGATION_TIMEOUT_MS = 600_000;

/**
 * Runs in the page before any of its scripts: when the first bar of the edge histogram enters the
 * DOM, waits two animation frames (the frame that paints it has then been produced) and records
 * performance.now(), which counts from the navigation's start.
 */
const RECORD_FIRST_BAR = `(() => {
  let seen = false;
  const check = () => {
    if (seen || !document.querySelector(${JSON.stringify(FIRST_BAR)})) return;
    seen = true;
    observer.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__hopscopeFirstBarMs = performance.now(); }));
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
})();`;

export type PaintResult = {
  /** The first navigation after the API measurements (server warm, browser cold). */
  coldMs: number;
  /** Navigation start → first edge-histogram bar painted, per the page's own clock. */
  warm: TimingSummary;
  /** The same seen from outside: page.goto until Playwright sees the bar visible. */
  wallWarm: TimingSummary;
};

async function navigateOnce(browser: Browser, url: string): Promise<{ paintedMs: number; wallMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC', locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.addInitScript(RECORD_FIRST_BAR);
    const started = performance.now();
    await page.goto(url, { waitUntil: 'commit', timeout: NAVIGATION_TIMEOUT_MS });
    await page.locator(FIRST_BAR).first().waitFor({ state: 'visible', timeout: NAVIGATION_TIMEOUT_MS });
    const wallMs = performance.now() - started;
    const paintedMs = await page.waitForFunction(() => (window as unknown as { __hopscopeFirstBarMs?: number }).__hopscopeFirstBarMs, undefined, {
      timeout: 30_000,
    });
    return { paintedMs: Number(await paintedMs.jsonValue()), wallMs };
  } finally {
    await context.close();
  }
}

/** Opens the investigation page `1 + runs` times, each in a fresh browser context (no cache). */
export async function measureFirstHistogramPaint(url: string, runs: number): Promise<PaintResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const forget = onCleanup({
    name: 'chromium',
    run: () => browser.close(),
    // Playwright kills the browsers it launched when this process exits.
    runSync: () => undefined,
  });
  try {
    const cold = await navigateOnce(browser, url);
    const painted: number[] = [];
    const wall: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const result = await navigateOnce(browser, url);
      painted.push(result.paintedMs);
      wall.push(result.wallMs);
    }
    return { coldMs: cold.paintedMs, warm: summarize(painted), wallWarm: summarize(wall) };
  } finally {
    await forget();
  }
}
