import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { signInToConsole } from './support/console.js';
import { adminApi, startServer, type RunningServer } from './support/server.js';

const BEN = { email: 'ben.sites@example.com', name: 'Ben Outlet', password: 'ben-password-123' };

/**
 * An admin narrows an agent to one site in Settings → Agents; the agent's console then lists
 * that site's waiting chat and not the demo shop's.
 */
describe('an agent works on the sites an admin gives them', () => {
  let server: RunningServer;
  let browser: Browser;
  let outletKey = '';
  let demoKey = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const api = await adminApi(server);
    const site = await api('/sites', { name: 'Outlet store' });
    expect(site.status).toBe(201);
    outletKey = ((await site.json()) as { site: { key: string } }).site.key;
    const listed = (await (await api('/sites', undefined)).json()) as {
      sites: Array<{ key: string; name: string }>;
    };
    demoKey = listed.sites.find((s) => s.name === 'Demo shop')!.key;
    // Without siteIds the new agent starts on every site, as the API promises.
    expect((await api('/agents', { ...BEN, role: 'agent' })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A shopper of a site who has written one message. */
  async function waitingChat(siteKey: string, body: string): Promise<void> {
    const session = await fetch(`${server.url}/api/v1/widget/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ siteKey }),
    });
    const { token } = (await session.json()) as { token: string };
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const started = await fetch(`${server.url}/api/v1/widget/conversations`, {
      method: 'POST',
      headers: auth,
      body: '{}',
    });
    const { conversation } = (await started.json()) as { conversation: { id: string } };
    const sent = await fetch(
      `${server.url}/api/v1/widget/conversations/${conversation.id}/messages`,
      {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ clientId: `client-${Date.now()}-${body.length}`, body }),
      },
    );
    expect(sent.status).toBe(201);
  }

  it('lists only the chats of the sites the admin chose', async () => {
    const adminCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const admin = await adminCtx.newPage();
    await signInToConsole(admin, server.url);
    await admin.goto(`${server.url}/console/#/settings/agents`);
    await admin.getByRole('button', { name: `Edit ${BEN.name}` }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Sites').click();
    // Ben starts on both sites; taking the demo shop away leaves the outlet.
    await admin.getByRole('option', { name: 'Demo shop' }).click();
    await admin.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = admin.getByRole('row', { name: new RegExp(BEN.name) });
    await expect.poll(() => row.textContent()).toContain('Outlet store');
    expect(await row.textContent()).not.toContain('Demo shop');

    await waitingChat(demoKey, 'Demo shop question');
    await waitingChat(outletKey, 'Outlet store question');

    const benCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const ben = await benCtx.newPage();
    await signInToConsole(ben, server.url, BEN);
    await ben.getByText('Outlet store question').first().waitFor();
    expect(await ben.getByText('Demo shop question').count()).toBe(0);
    // The admin sees every site's chats.
    await admin.goto(`${server.url}/console/#/`);
    await admin.getByText('Demo shop question').first().waitFor();
    await admin.getByText('Outlet store question').first().waitFor();
  });
});
