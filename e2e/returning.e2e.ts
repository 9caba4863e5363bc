import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { goOnline, signInToConsole } from './support/console.js';
import { useJourney } from './support/journey.js';
import { shot } from './support/shots.js';
import { chatFrame } from './support/widget.js';

/**
 * The returning customer: a shopper chats, the agent closes the chat; the same shopper (same
 * browser, so the same visitor) comes back and writes. The agent sees the earlier chat above
 * the new one behind "Earlier conversations (1)"; the shopper sees their own earlier chat in
 * the widget the same way, without the agent's private note.
 */
describe('a returning visitor', () => {
  const j = useJourney({ width: 390, height: 844 });

  /** Top edge of a locator on the page, to check what is drawn above what. */
  async function top(l: Locator): Promise<number> {
    const box = await l.boundingBox();
    if (!box) throw new Error('element is not visible');
    return box.y;
  }

  it('shows the earlier conversation above the new one, to the agent and the visitor', async () => {
    const agent = await j.agent.newPage();
    await signInToConsole(agent, j.server.url);
    await goOnline(agent);

    // First visit: the shopper asks, the agent notes privately, answers and closes the chat.
    const shop = await j.shopper.newPage();
    await shop.goto(`${j.server.url}/demo`);
    await shop.getByRole('button', { name: 'Open chat' }).click();
    const widget = chatFrame(shop);
    const message = widget.getByRole('textbox', { name: 'Message' });
    await message.fill('My blender arrived broken');
    await widget.getByRole('button', { name: 'Send' }).click();

    await agent
      .getByRole('button', { name: /#\d{4}/ })
      .first()
      .click();
    await agent.getByRole('button', { name: 'Accept' }).click();
    const composer = agent.getByRole('textbox', { name: 'Message' });
    await agent.getByRole('button', { name: 'Private' }).click();
    await composer.fill('Note: refund approved');
    await composer.press('Enter');
    await agent.getByText('Note: refund approved').first().waitFor();
    await agent.getByRole('button', { name: 'Private' }).click();
    await composer.fill('Sorry! A new one is on its way.');
    await composer.press('Enter');
    await widget.getByText('Sorry! A new one is on its way.').waitFor();
    await agent.getByRole('button', { name: 'Close chat' }).click();
    await agent.getByRole('dialog').getByRole('button', { name: /close/i }).first().click();
    await widget.getByText(/ended/i).first().waitFor();

    // Later, in a new tab of the same browser (the same visitor), the shopper writes again.
    await shop.close();
    const back = await j.shopper.newPage();
    await back.goto(`${j.server.url}/demo`);
    const again = chatFrame(back);
    if (!(await again.getByRole('textbox', { name: 'Message' }).isVisible())) {
      const launcher = back.getByRole('button', { name: 'Open chat' });
      if (await launcher.isVisible()) await launcher.click();
      await again.getByRole('button', { name: 'Start a new chat' }).click();
    }
    await again.getByRole('textbox', { name: 'Message' }).fill('It happened again');
    await again.getByRole('button', { name: 'Send' }).click();
    await again.getByText('It happened again').waitFor();

    // The agent opens the new chat (not the closed one, still listed under Closed): the earlier
    // one waits, collapsed, above its first message.
    await agent
      .getByRole('button', { name: /#\d{4}/ })
      .filter({ hasText: 'It happened again' })
      .click();
    const thread = agent.getByRole('log', { name: 'Messages' });
    await thread.getByText('It happened again').waitFor();
    const earlierToggle = thread.getByRole('button', { name: 'Earlier conversations (1)' });
    await earlierToggle.waitFor();
    expect(await earlierToggle.getAttribute('aria-expanded')).toBe('false');
    expect(await thread.getByText('My blender arrived broken').count()).toBe(0);
    await shot(agent, 'console-collapsed-1440');

    await earlierToggle.click();
    const earlier = thread.getByRole('region', { name: 'Earlier conversations' });
    const before = earlier.getByText('My blender arrived broken');
    await before.waitFor();
    // The agent, who owned that chat, reads their private note there too.
    await earlier.getByText('Note: refund approved').waitFor();
    await earlier.getByRole('separator').filter({ hasText: 'This conversation' }).waitFor();
    expect(await top(before)).toBeLessThan(await top(thread.getByText('It happened again')));
    await shot(agent, 'console-expanded-1440');
    await agent.setViewportSize({ width: 390, height: 844 });
    await shot(agent, 'console-expanded-390');
    await earlierToggle.click();
    await shot(agent, 'console-collapsed-390');
    await agent.setViewportSize({ width: 1440, height: 900 });

    // The shopper sees their own earlier chat the same way, without the agent's note.
    const widgetToggle = again.getByRole('button', { name: 'Earlier conversations (1)' });
    await widgetToggle.waitFor();
    await shot(back, 'widget-collapsed-390');
    await widgetToggle.click();
    const theirs = again.getByText('My blender arrived broken');
    await theirs.waitFor();
    await again.getByText('Sorry! A new one is on its way.').waitFor();
    await again.getByRole('separator').filter({ hasText: 'This conversation' }).waitFor();
    expect(await again.getByText(/Note:/).count()).toBe(0);
    expect(await top(theirs)).toBeLessThan(await top(again.getByText('It happened again')));
    await shot(back, 'widget-expanded-390');
    await back.setViewportSize({ width: 1280, height: 800 });
    await shot(back, 'widget-expanded-1280');
  });
});
