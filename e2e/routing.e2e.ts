import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { ADMIN, adminApi, startServer, type RunningServer } from './support/server.js';

const BEN = { email: 'ben.e2e@example.com', name: 'Ben Carter', password: 'ben-password-123' };

/**
 * Two agents on one queue, as a team works: the chat is offered to one, who rejects it, so the
 * other gets it; the owner invites the colleague in, writes a private note the shopper never
 * sees, and finally transfers the chat.
 */
describe('two agents share the queue in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let benId = '';
  let api: Awaited<ReturnType<typeof adminApi>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // The admin adds a second agent through the API, as the Settings page does.
    api = await adminApi(server);
    const created = await api('/agents', { ...BEN, role: 'agent' });
    expect(created.status).toBe(201);
    benId = ((await created.json()) as { agent: { id: string } }).agent.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function agentConsole(email: string, password: string): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/console/`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const status = page
      .getByRole('textbox', { name: 'Status' })
      .or(page.getByRole('combobox', { name: 'Status' }));
    await status.first().click();
    await page.getByRole('option', { name: 'Online' }).click();
    return page;
  }

  it('rejects to a colleague, invites, whispers and transfers', async () => {
    const ana = await agentConsole(ADMIN.email, ADMIN.password);
    const ben = await agentConsole(BEN.email, BEN.password);

    const shopperCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const shop = await shopperCtx.newPage();
    await shop.goto(`${server.url}/demo`);
    await shop.getByRole('button', { name: 'Open chat' }).click();
    const widget: FrameLocator = shop.frameLocator('iframe[title="Chat"]');
    await widget.getByRole('textbox', { name: 'Message' }).fill('Hi, is the linen throw in stock?');
    await widget.getByRole('button', { name: 'Send' }).click();

    // The chat is offered to one of the two (ask the API who); that agent rejects it and the
    // other one gets the offer.
    const offered = async () => {
      const res = await api('/conversations?status=offered', undefined);
      const { conversations } = (await res.json()) as {
        conversations: Array<{ offeredTo: string[] }>;
      };
      return conversations[0]?.offeredTo[0] ?? null;
    };
    await expect.poll(offered, { timeout: 15_000 }).not.toBeNull();
    const [first, second] = (await offered()) === benId ? [ben, ana] : [ana, ben];
    await first
      .getByRole('button', { name: /#\d{4}/ })
      .first()
      .click();
    await first.getByRole('button', { name: 'Reject' }).click();
    await second
      .getByRole('button', { name: /#\d{4}/ })
      .first()
      .click();
    await second.getByRole('button', { name: 'Accept' }).click();
    const owner = second;
    const colleague = first;
    const colleagueName = colleague === ben ? BEN.name : 'Admin';
    await owner.getByRole('button', { name: 'Close chat' }).waitFor();

    // The owner invites the colleague, who joins from the invitation card.
    await owner.getByRole('button', { name: 'Invite agent' }).click();
    await owner.getByRole('radio', { name: new RegExp(colleagueName) }).check();
    await owner.getByRole('dialog').getByRole('button', { name: 'Invite', exact: true }).click();
    await colleague.getByRole('button', { name: 'Join' }).click();
    await colleague
      .getByRole('region', { name: /Chat with/ })
      .getByText('Hi, is the linen throw in stock?')
      .waitFor();

    // A private note reaches the colleague, never the shopper.
    await owner.getByRole('button', { name: 'Private' }).click();
    const composer = owner.getByRole('textbox', { name: 'Message' });
    await composer.fill('Regular customer, offer free shipping');
    await composer.press('Enter');
    await colleague
      .getByRole('region', { name: /Chat with/ })
      .getByText('Regular customer, offer free shipping')
      .waitFor();
    await owner.getByRole('button', { name: 'Private' }).click();
    await composer.fill('Yes, it ships tomorrow.');
    await composer.press('Enter');
    await widget.getByText('Yes, it ships tomorrow.').waitFor();
    expect(await widget.getByText('Regular customer, offer free shipping').count()).toBe(0);

    // The owner transfers the chat to the colleague, who can now close it.
    await owner.getByRole('button', { name: 'Transfer' }).click();
    await owner.getByRole('radio', { name: new RegExp(colleagueName) }).check();
    await owner.getByRole('dialog').getByRole('button', { name: 'Transfer', exact: true }).click();
    await widget.getByText(/took over the chat/).waitFor();
    await colleague.getByRole('button', { name: 'Close chat' }).click();
    // The shopper still has the chat open, so closing asks for confirmation.
    await colleague.getByRole('dialog').getByRole('button', { name: /close/i }).first().click();
    await widget.getByText(/ended/i).first().waitFor();
  });
});
