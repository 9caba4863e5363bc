import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { goOnline, signInToConsole } from './support/console.js';
import { startServer, type RunningServer } from './support/server.js';

interface WireMessage {
  id: string;
  seq: number;
  body: string;
  visibility: string;
}

/** Every message object inside a Socket.IO frame (events and acks alike), however nested. */
function messagesIn(payload: string | Buffer): WireMessage[] {
  const text = payload.toString();
  const start = text.indexOf('[');
  if (!text.startsWith('4') || start < 0) return [];
  const found: WireMessage[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.id === 'string' && typeof o.seq === 'number' && typeof o.body === 'string')
      found.push(o as unknown as WireMessage);
    Object.values(o).forEach(walk);
  };
  try {
    walk(JSON.parse(text.slice(start)));
  } catch {
    return [];
  }
  return found;
}

/**
 * What the shopper's browser receives over the widget's socket when the agent writes private
 * notes between replies: numbers 1, 2, 3 with no gap a note could be read from, live and after
 * a reload alike.
 */
describe('the numbers a shopper’s browser receives', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Records every message the page's sockets receive (the widget's frame included). */
  function recordMessages(page: Page): WireMessage[] {
    const seen: WireMessage[] = [];
    page.on('websocket', (ws) =>
      ws.on('framereceived', (f) => seen.push(...messagesIn(f.payload))),
    );
    return seen;
  }

  async function openWidget(page: Page): Promise<FrameLocator> {
    await page.getByRole('button', { name: 'Open chat' }).click();
    const frame = page.frameLocator('iframe[title="Chat"]');
    await frame.getByRole('textbox', { name: 'Message' }).waitFor();
    return frame;
  }

  it('never have a gap where the agent wrote a private note', async () => {
    const agent = await (
      await browser.newContext({ viewport: { width: 1440, height: 900 } })
    ).newPage();
    await signInToConsole(agent, server.url);
    await goOnline(agent);

    const shop = await (await browser.newContext()).newPage();
    const received = recordMessages(shop);
    await shop.goto(`${server.url}/demo`);
    const widget = await openWidget(shop);
    await widget.getByRole('textbox', { name: 'Message' }).fill('Is the lamp in stock?');
    await widget.getByRole('button', { name: 'Send' }).click();

    const waiting = agent.getByRole('button', { name: /#\d{4}/ }).first();
    await waiting.click();
    await agent.getByRole('button', { name: 'Accept' }).click();
    const composer = agent.getByRole('textbox', { name: 'Message' });
    const write = async (body: string, privately: boolean) => {
      if (privately) await agent.getByRole('button', { name: 'Private' }).click();
      await composer.fill(body);
      await composer.press('Enter');
      await agent.getByText(body).first().waitFor();
      if (privately) await agent.getByRole('button', { name: 'Private' }).click();
    };
    await write('Note: asked twice before', true);
    await write('Let me look.', false);
    await write('Note: stock arrives Friday', true);
    await write('It is back on Friday.', false);
    await widget.getByText('It is back on Friday.').waitFor();

    const expectGapless = (list: WireMessage[]) => {
      const byId = new Map(list.map((m) => [m.id, m]));
      const numbers = [...byId.values()].map((m) => m.seq).sort((a, b) => a - b);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      expect([...byId.values()].every((m) => m.visibility === 'public')).toBe(true);
      expect([...byId.values()].map((m) => m.body).join('\n')).not.toMatch(/Note:/);
      return byId.size;
    };
    const live = expectGapless(received);
    expect(live).toBeGreaterThanOrEqual(3);
    expect(await widget.getByText(/Note:/).count()).toBe(0);

    // A reload loads the chat afresh (the widget stays open): the same numbers, still no gap.
    received.length = 0;
    await shop.reload();
    await shop.frameLocator('iframe[title="Chat"]').getByText('It is back on Friday.').waitFor();
    expect(expectGapless(received)).toBe(live);
  });
});
