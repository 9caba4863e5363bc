import { createRequire } from 'node:module';
import { createHmac } from 'node:crypto';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { shot } from './support/shots.js';
import { startCustomerMailbox, type CustomerMailbox } from './support/mail.js';
import { ADMIN, adminApi, startServer, type RunningServer } from './support/server.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE: string = require('node:fs').readFileSync(require.resolve('axe-core'), 'utf8');

/** What a shop's backend does: an HS256 JWT over the customer's details. */
function signJwt(claims: object, secret: string): string {
  const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/**
 * Knowing the visitor, as agents and shoppers use it: the live Visitors page following a
 * shopper through the shop, a proactive invitation answered, a signed identity shown locked
 * (and a forged one refused), a product card that takes the shopper's page there, a
 * transcript mailed through a real SMTP server without private notes, a ban, and an
 * accessibility scan of the widget.
 */
describe('knowing the visitor in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let smtp: CustomerMailbox;
  let api: Awaited<ReturnType<typeof adminApi>>;
  let agent: Page;
  let agentCtx: BrowserContext;

  beforeAll(async () => {
    smtp = await startCustomerMailbox();
    server = await startServer({
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Shop <help@shop.test>' },
    });
    browser = await launchBrowser();
    api = await adminApi(server);

    agentCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    agent = await agentCtx.newPage();
    await agent.goto(`${server.url}/console/`);
    await agent.getByLabel('Email').fill(ADMIN.email);
    await agent.getByLabel('Password').fill(ADMIN.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    const status = agent
      .getByRole('textbox', { name: 'Status' })
      .or(agent.getByRole('combobox', { name: 'Status' }));
    await status.first().click();
    await agent.getByRole('option', { name: 'Online' }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  async function shopper(): Promise<{ page: Page; widget: FrameLocator; ctx: BrowserContext }> {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    return { page, widget: page.frameLocator('iframe[title="Chat"]'), ctx };
  }

  const identify = (page: Page, details: object) =>
    page.evaluate(
      (d) =>
        (
          window as unknown as { Parley: { identify(d: object): Promise<unknown> } }
        ).Parley.identify(d).then(
          (v) => ({ ok: true as const, value: v }),
          (e: { code?: string }) => ({ ok: false as const, code: e.code }),
        ),
      details,
    );

  it('follows a shopper through three pages live, and the invitation they answer starts a chat', async () => {
    const { page, widget, ctx } = await shopper();
    await agent.getByRole('link', { name: /^Visitors/ }).click();

    await page.goto(`${server.url}/demo`);
    await page.waitForFunction(() => (window as { Parley?: { loaded?: boolean } }).Parley?.loaded);
    expect(await identify(page, { name: 'Olivia Browser' })).toMatchObject({ ok: true });
    const row = agent.getByRole('row', { name: /Olivia Browser/ });
    await row.getByText(/slow-made goods/i).waitFor();

    // Second and third page: the agent's row follows without a reload.
    await page
      .getByRole('link', { name: /Terracotta planter/i })
      .first()
      .click();
    await row.getByText(/Terracotta planter/i).waitFor();
    await page.goto(`${server.url}/demo`);
    await row.getByText(/slow-made goods/i).waitFor();
    const lampLink = page.locator('a.card').nth(1);
    const lampName = (await lampLink.locator('h3').textContent())!;
    await lampLink.click();
    await row.getByText(lampName).first().waitFor();

    // Navigation history is one click away.
    await row.getByRole('button', { name: /Details/ }).click();
    const drawer = agent.getByRole('dialog');
    await drawer.getByText(lampName).first().waitFor();
    await expect.poll(() => drawer.getByText(/Terracotta planter/i).count()).toBeGreaterThan(0);
    await agent.keyboard.press('Escape');

    // The host page listens to the chat through the JS API.
    await page.evaluate(() => {
      const w = window as unknown as {
        seen: string[];
        Parley: { on(e: string, fn: (p?: { body: string }) => void): void };
      };
      w.seen = [];
      w.Parley.on('open', () => w.seen.push('open'));
      w.Parley.on('message', (m) => w.seen.push(`message: ${m!.body}`));
    });

    // Proactive invitation: the widget opens with it; the shopper's reply starts the chat.
    await row.getByRole('button', { name: 'Invite to chat' }).click();
    const invite = agent.getByRole('dialog');
    await invite.getByRole('textbox').fill('Hi Olivia! Need help choosing a lamp?');
    await invite.getByRole('button', { name: /Send invitation|Invite/ }).click();
    await widget.getByText('Hi Olivia! Need help choosing a lamp?').waitFor();
    await widget.getByRole('textbox', { name: 'Message' }).fill('Yes, is it dimmable?');
    await widget.getByRole('button', { name: 'Send', exact: true }).click();

    await agent
      .getByRole('link', { name: /^Chats|Inbox/ })
      .first()
      .click()
      .catch(() => undefined);
    await agent
      .getByRole('button', { name: /Olivia Browser/ })
      .first()
      .click();
    const chat = agent.getByRole('region', { name: /Chat with/ });
    await chat.getByText('Yes, is it dimmable?').waitFor();
    await chat.getByText('Hi Olivia! Need help choosing a lamp?').waitFor();
    // Owned by the inviting agent: the composer is there without accepting.
    await agent.getByRole('textbox', { name: 'Message' }).fill('It is!');
    await agent.getByRole('button', { name: 'Send', exact: true }).click();
    await widget.getByText('It is!').waitFor();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { seen: string[] }).seen))
      .toEqual(
        expect.arrayContaining(['open', 'message: Yes, is it dimmable?', 'message: It is!']),
      );
    await ctx.close();
  });

  it('shows a signed identity with a lock and refuses a forged one', async () => {
    const { page, ctx } = await shopper();
    await page.goto(`${server.url}/demo`);
    // The demo shop signs its customer in; its server signs the identity it hands to Parley.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await agent.getByRole('link', { name: /^Visitors/ }).click();
    const row = agent.getByRole('row', { name: /Sam Rivera/ });
    await row.waitFor();
    await row.getByText('(verified)').first().waitFor();

    await page.waitForFunction(() => (window as { Parley?: { loaded?: boolean } }).Parley?.loaded);
    const forged = signJwt({ name: 'Mallory', email: 'boss@fernwood.example' }, 'not-the-secret');
    expect(await identify(page, { jwt: forged })).toEqual({ ok: false, code: 'IDENTITY_INVALID' });

    // Nothing was stored: the details still carry the signed name and email, locked.
    await row.getByRole('button', { name: /Details/ }).click();
    const drawer = agent.getByRole('dialog');
    await drawer.getByText('sam.rivera@example.com').waitFor();
    expect(await drawer.getByText('Mallory').count()).toBe(0);
    expect(await drawer.getByText('(verified)').count()).toBeGreaterThanOrEqual(2);
    await agent.keyboard.press('Escape');
    await ctx.close();
  });

  it('sends a product card that takes the shopper there, mails a transcript without private notes, and bans', async () => {
    const { page, widget, ctx } = await shopper();
    await page.goto(`${server.url}/demo`);
    await page.waitForFunction(() => (window as { Parley?: { loaded?: boolean } }).Parley?.loaded);
    expect(await identify(page, { name: 'Tina Shopper' })).toMatchObject({ ok: true });
    await page.getByRole('button', { name: 'Open chat' }).click();
    await widget.getByRole('textbox', { name: 'Message' }).fill('I need a gift for my mum');
    await widget.getByRole('button', { name: 'Send', exact: true }).click();

    await agent
      .getByRole('button', { name: /Tina Shopper/ })
      .first()
      .click();
    await agent.getByRole('button', { name: 'Accept' }).click();
    const chat = agent.getByRole('region', { name: /Chat with/ });
    await chat.getByText('I need a gift for my mum').waitFor();

    // Send to page: a card from the shop's own page, and the shopper's page goes there.
    const html = await (await fetch(`${server.url}/demo`)).text();
    const productPath = /href="(\/demo\/products\/[^"]+)"/.exec(html)![1]!;
    // The header's "More" menu offers "Create ticket" and "Email transcript".
    await agent.getByRole('button', { name: 'More actions' }).click();
    await agent.getByRole('menuitem', { name: 'Create ticket' }).waitFor();
    await agent.getByRole('menuitem', { name: 'Email transcript' }).waitFor();
    for (const [name, size] of [
      ['chat-actions-desktop', { width: 1440, height: 900 }],
      ['chat-actions-phone', { width: 390, height: 844 }],
    ] as const) {
      await agent.setViewportSize(size);
      await shot(agent, name);
    }
    await agent.setViewportSize({ width: 1440, height: 900 });
    await agent.keyboard.press('Escape');
    await agent.getByRole('menuitem', { name: 'Create ticket' }).waitFor({ state: 'hidden' });
    await agent.getByRole('button', { name: 'Send to page' }).click();
    await agent.getByRole('textbox', { name: 'Page address' }).fill(`${server.url}${productPath}`);
    await agent.getByRole('button', { name: 'Send page' }).click();
    await page.waitForURL(`${server.url}${productPath}`);
    const productName = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
    await widget.getByText(productName).first().waitFor();
    await widget.getByText(/\$\d/).first().waitFor();

    // A private note, then a public answer.
    const composer = agent.getByRole('textbox', { name: 'Message' });
    await agent.getByRole('button', { name: 'Private' }).click();
    await composer.fill('Internal: she asked for a discount last time');
    await composer.press('Enter');
    await chat.getByText('Internal: she asked for a discount last time').waitFor();
    await agent.getByRole('button', { name: 'Private' }).click();
    await composer.fill('This one is our bestseller.');
    await composer.press('Enter');
    await widget.getByText('This one is our bestseller.').waitFor();

    // The transcript arrives through real SMTP, without the private note.
    await widget.getByRole('button', { name: 'More options' }).click();
    await widget.getByRole('button', { name: 'Email transcript' }).click();
    await widget.getByRole('textbox', { name: 'Email' }).fill('tina@example.com');
    // "Also send it to the shop" stays off unless asked: only the shopper gets this one.
    expect(
      await widget.getByRole('checkbox', { name: 'Also send it to the shop' }).isChecked(),
    ).toBe(false);
    await shot(page, 'widget-transcript-to-shop');
    await widget.getByRole('button', { name: 'Send transcript' }).click();
    const mail = await smtp.next('the transcript the visitor asked for');
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('tina@example.com');
    expect(mail.from?.text).toContain('help@shop.test');
    expect(mail.text).toContain('I need a gift for my mum');
    expect(mail.text).toContain('This one is our bestseller.');
    expect(mail.text).toContain(productName);
    expect(mail.text).not.toContain('discount');
    expect(String(mail.html)).not.toContain('discount');
    await widget
      .getByText(/tina@example\.com/)
      .first()
      .waitFor();
    await widget
      .getByRole('button', { name: /Close|Back/ })
      .first()
      .click()
      .catch(() => undefined);

    // Ban: the chat ends and the shopper cannot start another one.
    await agent.getByRole('button', { name: 'Ban visitor' }).click();
    const dialog = agent.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Spam links');
    await dialog.getByRole('radio', { name: /1 day/ }).check();
    await dialog.getByRole('button', { name: 'Ban', exact: true }).click();
    // The shopper comes back: the ended chat is still readable, a new one is refused neutrally.
    await page.reload();
    await widget.getByText('This one is our bestseller.').waitFor();
    // The shopper rates the ended chat; the agent sees it.
    await widget.getByRole('button', { name: 'Bad', exact: true }).click();
    await chat.getByRole('img', { name: 'Rated bad' }).first().waitFor();
    await widget.getByRole('button', { name: 'Start a new chat' }).click();
    await widget.getByRole('textbox', { name: 'Message' }).fill('Why did the chat end?');
    await widget.getByRole('button', { name: 'Send', exact: true }).click();
    await widget.getByText('Chat is not available right now.').first().waitFor();
    expect(await widget.getByRole('textbox', { name: 'Message' }).count()).toBe(0);

    // Supervisors see the ban in Settings and lift it.
    const bans = (await (await api('/bans', undefined)).json()) as {
      bans: Array<{ reason: string }>;
    };
    expect(bans.bans.map((b) => b.reason)).toContain('Spam links');
    await ctx.close();
  });

  it('passes an accessibility scan and turns right-to-left in Arabic', async () => {
    const { page, widget, ctx } = await shopper();
    await page.goto(`${server.url}/demo`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await widget.getByRole('textbox', { name: 'Message' }).waitFor();
    const frame = page.frames().find((f) => f.url().includes('/widget/frame.html'))!;

    const scan = async () => {
      // Contrast is judged on what the visitor ends up seeing, not mid-fade.
      await frame.evaluate(() =>
        Promise.all(
          document
            .getAnimations()
            .filter((a) => a.effect?.getTiming().iterations !== Infinity)
            // An animation cancelled midway (its element went away) is done too.
            .map((a) => a.finished.catch(() => undefined)),
        ),
      );
      await frame.evaluate(AXE_SOURCE);
      const result = (await frame.evaluate(() =>
        (
          window as unknown as { axe: { run(ctx: Document, opts: object): Promise<unknown> } }
        ).axe.run(document, {
          resultTypes: ['violations'],
        }),
      )) as {
        violations: Array<{
          id: string;
          impact: string | null;
          nodes: Array<{ target: unknown; failureSummary?: string }>;
        }>;
      };
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${v.id} (${v.impact}): ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('; ')}`,
        );
    };
    expect(await scan()).toEqual([]);

    // A conversation with messages and the menu open.
    await widget.getByRole('textbox', { name: 'Message' }).fill('Hello there');
    await widget.getByRole('button', { name: 'Send', exact: true }).click();
    await widget.getByText('Hello there').waitFor();
    await widget.getByRole('button', { name: 'More options' }).click();
    await widget.getByRole('button', { name: 'Mute sounds' }).waitFor();
    expect(await scan()).toEqual([]);
    // New messages are announced to screen readers.
    expect(await widget.locator('[role="log"][aria-live="polite"]').count()).toBe(1);

    await page.evaluate(() =>
      (window as unknown as { Parley: { setLanguage(l: string): void } }).Parley.setLanguage('ar'),
    );
    await expect.poll(() => frame.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('ar');
    expect(await scan()).toEqual([]);
    await ctx.close();
  });
});
