import * as OTPAuth from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { signInToConsole } from './support/console.js';
import { ADMIN, adminApi, startServer, type RunningServer } from './support/server.js';

/**
 * Accounts as an admin and an agent use them in the console: Account settings (password,
 * two-factor sign-in with an authenticator app's code), "Forgot password?", deactivating and
 * reactivating an agent, and adding a site.
 */
describe('accounts in the console', () => {
  let server: RunningServer;
  let browser: Browser;
  const agent = { email: 'ana.e2e@example.com', password: 'first-password-ana-1' };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const api = await adminApi(server);
    const created = await api('/agents', { ...agent, name: 'Ana Agent', role: 'agent' });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signIn = (page: Page, email: string, password: string) =>
    signInToConsole(page, server.url, { email, password });
  const accountMenu = (page: Page) => page.getByRole('button', { name: /^Account:/ });

  it('an agent changes the password, turns on two-factor sign-in and signs in with a code', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await signIn(page, agent.email, agent.password);
    await accountMenu(page).click();
    await page.getByRole('menuitem', { name: 'Account settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Account settings' });

    await dialog.getByLabel('Current password').fill(agent.password);
    await dialog.getByLabel('New password').fill('password1234');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog
      .getByText(/common/i)
      .first()
      .waitFor();
    await dialog.getByLabel('New password').fill('lantern-orchard-violet-9');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.getByText('Password changed. Your other sessions are signed out.').waitFor();

    await dialog.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await dialog.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const secret = (await dialog.locator('code').first().textContent())!.trim();
    const app = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
    await dialog.getByLabel('Authentication code').fill(app.generate());
    await dialog.getByRole('button', { name: 'Turn on' }).click();
    await dialog.getByRole('list', { name: 'Recovery codes' }).waitFor();
    expect(
      await dialog.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count(),
    ).toBe(10);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.keyboard.press('Escape');

    await accountMenu(page).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await signIn(page, agent.email, 'lantern-orchard-violet-9');
    const code = page.getByLabel('Authentication code');
    await code.waitFor();
    // The code that turned it on is spent; the app's next one is accepted (one step of skew).
    await code.fill(app.generate({ timestamp: Date.now() + 30_000 }));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await accountMenu(page).waitFor();
    await ctx.close();
  });

  it('"Forgot password?" answers the same whether or not the address is an agent\'s', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${server.url}/console/`);
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await page.getByLabel('Email').fill('nobody@example.com');
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByText(/If an account uses nobody@example.com, a link is on its way/).waitFor();
    await ctx.close();
  });

  it('an admin deactivates and reactivates an agent, and adds a site', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await signIn(page, ADMIN.email, ADMIN.password);
    await accountMenu(page).waitFor();
    await page.goto(`${server.url}/console/#/settings/agents`);
    await page.getByRole('button', { name: 'Deactivate Ana Agent' }).click();
    await page.getByText('Deactivated').waitFor();
    await page.getByRole('button', { name: 'Reactivate Ana Agent' }).click();
    await page.getByRole('button', { name: 'Deactivate Ana Agent' }).waitFor();
    expect(await page.getByText('Deactivated').count()).toBe(0);

    await page.goto(`${server.url}/console/#/settings/sites`);
    await page.getByRole('button', { name: 'Add site' }).click();
    const add = page.getByRole('dialog', { name: 'Add site' });
    await add.getByLabel('Site name').fill('Garden store');
    await add.getByLabel('Site address').fill('https://garden.example');
    await add.getByRole('button', { name: 'Add site' }).click();
    await page.getByRole('heading', { name: 'Garden store' }).waitFor();
    await ctx.close();
  });
});
