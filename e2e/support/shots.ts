import fs from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * Screenshots of what a test walked through, for people to look at, when PARLEY_SHOTS names a
 * directory (never one in the repo); nothing otherwise.
 */
const SHOTS = process.env.PARLEY_SHOTS;

export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

/** Whether screenshots were asked for, to skip the steps that only set one up. */
export const takingShots = (): boolean => Boolean(SHOTS);

/**
 * `shot` at the console's two reference sizes (1440x900 and 390x844), named `<name>-desktop`
 * and `<name>-phone`, back at desktop size after.
 */
export async function shotBothSizes(page: Page, name: string, fullPage = false): Promise<void> {
  for (const [label, size] of [
    ['desktop', { width: 1440, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(size);
    // On a phone the chat list is a drawer: wait until it has slid out of view.
    if (size.width < 500)
      await page.waitForFunction(
        () =>
          (document.querySelector('nav[aria-label="Chats"]')?.getBoundingClientRect().right ?? 0) <=
          0,
      );
    await shot(page, `${name}-${label}`, fullPage);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}
