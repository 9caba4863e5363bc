// Widget figures: gzip sizes (scripts/widgetSize.mjs, as `npm run size`: loader.js; frame.html
// plus the js/css it references and the largest language file) and the time until the
// launcher is visible on /demo in Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { widgetSizes as measure } from '../scripts/widgetSize.mjs';
import { APP_ROOT } from './lib/targets.mjs';
import { median, round } from './lib/stats.mjs';

const DIST = path.join(APP_ROOT, 'apps/widget/dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The sizes `npm run size` checks, measured the same way. */
export function widgetSizes() {
  const { loaderGzipBytes, chatGzipBytes, chatFiles } = measure(DIST);
  return { loaderGzipBytes, chatGzipBytes, chatFiles };
}

/**
 * Loads /demo in a fresh browser context (cold cache) `runs` times after one unrecorded warm-up
 * run, and reads `performance.now()` in the page (ms since navigation start) once the button
 * named "Open chat" is visible.
 */
export async function launcherTiming(url, runs, timeoutMs = 30_000) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    timeout: timeoutMs,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const samples = [];
    const detail = [];
    for (let i = 0; i <= runs; i++) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${url}/demo`, { waitUntil: 'commit', timeout: timeoutMs });
        await page
          .getByRole('button', { name: 'Open chat' })
          .waitFor({ state: 'visible', timeout: timeoutMs });
        const t = await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0];
          return {
            visible: performance.now(),
            domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
            load: nav ? nav.loadEventEnd : null,
          };
        });
        if (i > 0) {
          samples.push(t.visible);
          detail.push({
            visibleMs: round(t.visible, 1),
            domContentLoadedMs: round(t.domContentLoaded, 1),
            loadMs: round(t.load, 1),
          });
        }
      } finally {
        await context.close();
      }
    }
    return {
      launcherVisibleMs: round(median(samples), 1),
      launcherVisibleMinMs: round(Math.min(...samples), 1),
      launcherVisibleMaxMs: round(Math.max(...samples), 1),
      runs: detail,
    };
  } finally {
    await browser.close();
  }
}
