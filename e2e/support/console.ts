import type { Page } from 'playwright-core';
import { ADMIN } from './server.js';

/** Signs in to the console as `who` (the first admin by default), as an agent would. */
export async function signInToConsole(
  page: Page,
  url: string,
  who: { email: string; password: string } = ADMIN,
): Promise<void> {
  await page.goto(`${url}/console/`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Sets the signed-in agent's status to Online, so chats are offered and the widget opens. */
export async function goOnline(page: Page): Promise<void> {
  const status = page
    .getByRole('textbox', { name: 'Status' })
    .or(page.getByRole('combobox', { name: 'Status' }));
  await status.first().click();
  await page.getByRole('option', { name: 'Online' }).click();
}
