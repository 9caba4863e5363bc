import fs from 'node:fs';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { goOnline, signInToConsole } from './support/console.js';
import { startServer, type RunningServer } from './support/server.js';

const SHOTS = process.env.PARLEY_SHOTS_DIR;
const TOO_FAST = 'You’re sending messages too fast. Wait a moment.';

/**
 * A visitor typing faster than the limit (here 3 messages in 3 s): the message past it says
 * why it was not sent, keeps its text, and goes out on Retry once the window has passed.
 */
describe('a visitor sending too fast', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMIT_MESSAGES: '3/3s' } });
    browser = await launchBrowser();
    // An agent online, so the widget offers a chat rather than the message form.
    const agent = await (await browser.newContext()).newPage();
    await signInToConsole(agent, server.url);
    await goOnline(agent);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openWidget(page: Page): Promise<FrameLocator> {
    await page.goto(`${server.url}/demo`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const frame = page.frameLocator('iframe[title="Chat"]');
    await frame.getByRole('textbox', { name: 'Message' }).waitFor();
    return frame;
  }

  async function send(widget: FrameLocator, text: string) {
    await widget.getByRole('textbox', { name: 'Message' }).fill(text);
    await widget.getByRole('button', { name: 'Send' }).click();
  }

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`says so on the refused message and sends it on Retry later (${viewport.width}px)`, async () => {
      const context = await browser.newContext({ viewport });
      try {
        const page = await context.newPage();
        const widget = await openWidget(page);
        for (const text of ['One', 'Two', 'Three']) {
          await send(widget, text);
          await widget.getByText(text, { exact: true }).waitFor();
        }
        await send(widget, 'Four, too soon');
        const refusal = widget.getByRole('alert').filter({ hasText: TOO_FAST });
        await refusal.waitFor({ timeout: 10_000 });
        expect(await widget.getByText('Four, too soon', { exact: true }).count()).toBe(1);
        if (SHOTS) {
          fs.mkdirSync(SHOTS, { recursive: true });
          await page.screenshot({ path: `${SHOTS}/too-fast-${viewport.width}.png` });
        }

        // Retry until the window has passed: a refused attempt is not counted against it.
        await expect
          .poll(
            async () => {
              if ((await refusal.count()) > 0) {
                await widget.getByRole('button', { name: 'Retry' }).click();
                return 'refused';
              }
              return (await widget.getByText('Sending…').count()) > 0 ? 'sending' : 'sent';
            },
            { timeout: 15_000, interval: 500 },
          )
          .toBe('sent');
        expect(await widget.getByText('Four, too soon', { exact: true }).count()).toBe(1);
        await expect.poll(() => widget.getByText('Not sent').count()).toBe(0);
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/recovered-${viewport.width}.png` });
      } finally {
        await context.close();
      }
    });
  }
});
