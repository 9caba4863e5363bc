import fs from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * Screenshots of what a test walked through, for people to look at, when PARLEY_SHOTS names a
 * directory (never one in the repo); nothing otherwise.
 */
const SHOTS = process.env.PARLEY_SHOTS;

export async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** Whether screenshots were asked for, to skip the steps that only set one up. */
export const takingShots = (): boolean => Boolean(SHOTS);
