import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { ADMIN, adminApi, startServer, type RunningServer } from './support/server.js';

// A 2x2 PNG, the kind of bytes a screenshot tool puts on the clipboard.
const SCREENSHOT_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGP8z8DwnwEKmBigAMYAAOpiAv/m5lUmAAAAAElFTkSuQmCC';

/**
 * Rich messages as people use them: the agent pastes a screenshot and sends a saved reply,
 * the shopper answers a question with a button, and both sides see their messages were read.
 */
describe('rich messages in the browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const api = await adminApi(server);
    const saved = await api('/canned-responses', {
      scope: 'organisation',
      title: 'Returns policy',
      shortcut: 'returns',
      body: 'Hi {visitor}, you can return anything within 30 days.',
    });
    expect(saved.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('pastes a screenshot, sends a canned reply, answers options and shows read receipts', async () => {
    const agentCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const agent: Page = await agentCtx.newPage();
    await agent.goto(`${server.url}/console/`);
    await agent.getByLabel('Email').fill(ADMIN.email);
    await agent.getByLabel('Password').fill(ADMIN.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    const status = agent
      .getByRole('textbox', { name: 'Status' })
      .or(agent.getByRole('combobox', { name: 'Status' }));
    await status.first().click();
    await agent.getByRole('option', { name: 'Online' }).click();

    const shopCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const shop = await shopCtx.newPage();
    await shop.goto(`${server.url}/demo`);
    await shop.getByRole('button', { name: 'Open chat' }).click();
    const widget: FrameLocator = shop.frameLocator('iframe[title="Chat"]');
    await widget.getByRole('textbox', { name: 'Message' }).fill('My parcel arrived damaged');
    await widget.getByRole('button', { name: 'Send', exact: true }).click();

    await agent
      .getByRole('button', { name: /#\d{4}/ })
      .first()
      .click();
    await agent.getByRole('button', { name: 'Accept' }).click();
    const chat = agent.getByRole('region', { name: /Chat with/ });
    await chat.getByText('My parcel arrived damaged').waitFor();

    // The agent pastes a screenshot into the composer and sends it.
    const composer = agent.getByRole('textbox', { name: 'Message' });
    await composer.click();
    await composer.evaluate((el, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      el.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, SCREENSHOT_PNG);
    await composer.fill('Is this the damage you mean?');
    await agent.getByRole('button', { name: 'Send', exact: true }).click();
    await widget.getByText('Is this the damage you mean?').waitFor();
    await widget
      .getByRole('button', { name: /screenshot-.*\.png/ })
      .locator('img')
      .waitFor();

    // A saved reply, sent as is, with the visitor's name filled in.
    await agent.getByRole('button', { name: 'Canned responses' }).click();
    await agent.getByRole('button', { name: 'Send Returns policy as is' }).click();
    await widget.getByText(/you can return anything within 30 days\./).waitFor();

    // A question with choices; the shopper answers with a button, once.
    await agent.getByRole('button', { name: 'Send options' }).click();
    const form = agent.getByRole('dialog');
    await form.getByLabel('Question').fill('Would you like a refund or a replacement?');
    await form.getByRole('textbox', { name: 'Choice 1' }).fill('Refund');
    await form.getByRole('textbox', { name: 'Choice 2' }).fill('Replacement');
    await form.getByRole('button', { name: 'Send question' }).click();
    const choices = widget.getByRole('group', {
      name: 'Would you like a refund or a replacement?',
    });
    await choices.getByRole('button', { name: 'Replacement' }).click();
    await chat
      .getByText(/Replacement/)
      .first()
      .waitFor();
    await expect
      .poll(() => choices.getByRole('button', { name: 'Refund' }).isDisabled())
      .toBe(true);

    // Read receipts both ways: the shopper has the chat open, the agent has it on screen.
    await chat.getByText('Seen').first().waitFor();
    await widget.getByText('Seen').first().waitFor();
  });
});
