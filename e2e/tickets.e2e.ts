import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { signInToConsole } from './support/console.js';
import {
  freePort,
  mailParley,
  startCustomerMailbox,
  type CustomerMailbox,
} from './support/mail.js';
import { adminApi, startServer, type RunningServer } from './support/server.js';
import { shotBothSizes } from './support/shots.js';

const DOMAIN = 'help.shop.test';
const CUSTOMER = { name: 'Maria Lopez', email: 'maria.lopez@example.com' };

/**
 * An agent works a ticket from the message form to solved without leaving the console: the
 * reply goes out by real SMTP, the customer's answer comes back through Parley's own SMTP
 * listener and shows up in the open ticket live.
 */
describe('tickets: from the message form to solved, by email', () => {
  let server: RunningServer;
  let browser: Browser;
  let mailbox: CustomerMailbox;
  let inboundPort = 0;

  beforeAll(async () => {
    mailbox = await startCustomerMailbox();
    inboundPort = await freePort();
    server = await startServer({
      env: {
        SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
        MAIL_FROM: `Shop Support <support@${DOMAIN}>`,
        INBOUND_SMTP_PORT: String(inboundPort),
        INBOUND_SMTP_HOST: '127.0.0.1',
        INBOUND_DOMAIN: DOMAIN,
      },
    });
    browser = await launchBrowser();
    await leaveMessage('My parcel arrived damaged. Can you send a new one?');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mailbox?.stop();
  });

  async function demoSiteKey(): Promise<string> {
    const api = await adminApi(server);
    const sites = (await (await api('/sites', undefined)).json()) as {
      sites: Array<{ key: string; name: string }>;
    };
    return sites.sites.find((s) => s.name === 'Demo shop')!.key;
  }

  /** A shopper on the demo site uses the message form (nobody is online to chat). */
  async function leaveMessage(message: string): Promise<void> {
    const siteKey = await demoSiteKey();
    const session = await fetch(`${server.url}/api/v1/widget/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ siteKey }),
    });
    const { token } = (await session.json()) as { token: string };
    const left = await fetch(`${server.url}/api/v1/widget/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...CUSTOMER, message }),
    });
    expect(left.status).toBe(201);
  }

  it('replies by email, receives the answer live, and solves the ticket', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signInToConsole(page, server.url);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Tickets' }).click();
    // The badge counts the open, unassigned ticket.
    await expect
      .poll(() => nav.getByRole('link', { name: 'Tickets' }).textContent())
      .toBe('Tickets1');

    const row = page.getByRole('link', { name: /parcel arrived damaged/ });
    await row.waitFor();
    expect(await page.getByRole('img', { name: 'Web form' }).count()).toBeGreaterThan(0);
    await shotBothSizes(page, 'tickets-inbox', true);
    await row.click();
    await page.getByRole('heading', { name: `Message from ${CUSTOMER.name}` }).waitFor();

    await page.getByLabel(`Reply to ${CUSTOMER.email}`).fill('So sorry! A new one ships today.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const sent = await mailbox.next('the agent reply to the customer');
    expect(sent.to && 'value' in sent.to ? sent.to.value[0]?.address : null).toBe(CUSTOMER.email);
    expect(sent.text?.trim()).toBe('So sorry! A new one ships today.');
    const replyTo = sent.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(new RegExp(`^support\\+t-[a-f0-9]{32}@${DOMAIN}$`));

    // The customer answers from their mail program; the open ticket shows it without a reload.
    await mailParley(inboundPort, {
      from: `${CUSTOMER.name} <${CUSTOMER.email}>`,
      to: replyTo,
      subject: sent.subject ?? 'Re: your message',
      text: 'Thank you, it arrived fine!\n\nOn Monday, Shop Support wrote:\n> So sorry! A new one ships today.',
      inReplyTo: sent.messageId!,
    });
    const thread = page.getByRole('list', { name: 'Ticket messages' });
    await thread.getByText('Thank you, it arrived fine!').waitFor();
    expect(await thread.textContent()).not.toContain('> So sorry');

    // A note for colleagues stays in the console, marked as such.
    await page.getByText('Internal note', { exact: true }).click();
    await page
      .getByLabel('Internal note (agents only, never emailed)')
      .fill('Replacement sent from the Madrid warehouse.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await thread.getByText('Replacement sent from the Madrid warehouse.').waitFor();

    const details = page.getByRole('complementary', { name: 'Ticket details' });
    const status = details
      .getByRole('textbox', { name: 'Ticket status' })
      .or(details.getByRole('combobox', { name: 'Ticket status' }));
    await status.first().click();
    await page.getByRole('option', { name: 'Solved' }).click();
    await page.getByText('Solved', { exact: true }).first().waitFor();
    await expect
      .poll(() => nav.getByRole('link', { name: 'Tickets' }).textContent())
      .toBe('Tickets');
    await shotBothSizes(page, 'tickets-ticket', true);
    await context.close();
  });

  /** A shopper's chat, finished: they asked and left (closed from the widget). */
  async function finishedChat(question: string): Promise<void> {
    const siteKey = await demoSiteKey();
    const widget = `${server.url}/api/v1/widget`;
    const session = await fetch(`${widget}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ siteKey }),
    });
    const { token } = (await session.json()) as { token: string };
    const post = (path: string, body: unknown) =>
      fetch(`${widget}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const started = await post('/conversations', {});
    const { conversation } = (await started.json()) as { conversation: { id: string } };
    const sent = await post(`/conversations/${conversation.id}/messages`, {
      clientId: `e2e-${Date.now()}`,
      body: question,
    });
    expect(sent.status).toBe(201);
    expect((await post(`/conversations/${conversation.id}/close`, {})).status).toBe(200);
  }

  it('a finished chat becomes a ticket whose page links to the chat and back', async () => {
    const question = 'Do you ship to Iceland?';
    await finishedChat(question);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signInToConsole(page, server.url);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Archive' })
      .click();
    await page
      .getByRole('button', { name: /^Open chat with / })
      .first()
      .click();
    const chat = page.getByRole('dialog', { name: /^Conversation of / });
    await chat.getByText(question).first().waitFor();
    await chat.getByRole('button', { name: 'Create ticket' }).click();
    const make = page.getByRole('dialog', { name: 'Create a ticket from this chat' });
    await make.getByText('The visitor left no email address').waitFor();
    await shotBothSizes(page, 'tickets-create-from-chat', true);
    await make.getByRole('button', { name: 'Create ticket' }).click();

    // The ticket: the visitor's first line as its subject, the chat quoted, no address yet.
    await page.getByRole('heading', { name: question }).waitFor();
    const thread = page.getByRole('list', { name: 'Ticket messages' });
    await thread.getByText(question, { exact: false }).first().waitFor();
    await page.getByText('No email address yet').waitFor();
    expect(await page.getByRole('button', { name: 'Send reply' }).isDisabled()).toBe(true);
    await shotBothSizes(page, 'tickets-from-chat', true);

    // "From chat" opens the chat, which names its ticket; that link leads back.
    await page.getByRole('link', { name: 'From chat' }).click();
    const back = page.getByRole('dialog', { name: /^Conversation of / });
    const link = back.getByRole('link', { name: `Ticket: ${question}` });
    await link.waitFor();
    await shotBothSizes(page, 'tickets-chat-with-ticket', true);
    await link.click();
    await page.getByRole('heading', { name: question }).waitFor();

    const address = page.getByRole('textbox', { name: "Customer's email" });
    await address.fill('iceland@example.com');
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.getByLabel('Reply to iceland@example.com').fill('Yes, in 5 to 7 days.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const sent = await mailbox.next('the reply to the address added on the ticket');
    expect(sent.to && 'value' in sent.to ? sent.to.value[0]?.address : null).toBe(
      'iceland@example.com',
    );
    await context.close();
  });
});
