import { describe, expect, it } from 'vitest';
import { goOnline, signInToConsole } from './support/console.js';
import { useJourney } from './support/journey.js';
import { chatFrame, openWidget } from './support/widget.js';

/**
 * The foundation journey as people do it: a shopper on the demo shop writes in the widget,
 * an agent signs in to the console, accepts and replies; the shopper sees the reply and typing,
 * keeps the conversation across navigation, reload and a second tab; the agent closes it.
 */
describe('a visitor and an agent chat in the browser', () => {
  const j = useJourney();

  it('runs the whole conversation end to end', async () => {
    // The agent signs in and goes Online.
    const console = await j.agent.newPage();
    await signInToConsole(console, j.server.url);
    await goOnline(console);

    // A shopper on a product page opens the widget and says hello.
    const shop = await j.shopper.newPage();
    await shop.goto(`${j.server.url}/demo`);
    const firstProduct = shop.locator('a[href^="/demo/products/"]').first();
    await firstProduct.click();
    await shop.waitForURL(/\/demo\/products\//);
    const widget = await openWidget(shop);
    await widget.getByRole('textbox', { name: 'Message' }).fill('Hello');
    await widget.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => widget.getByText('Hello', { exact: true }).count()).toBe(1);

    // The waiting chat appears in the console with a live count; the agent accepts it.
    const waiting = console.getByRole('button', { name: /#\d{4}/ }).first();
    await waiting.waitFor();
    await waiting.click();
    await console.getByRole('button', { name: 'Accept' }).click();
    await console.getByText('Hello', { exact: true }).first().waitFor();

    // The shopper types; the agent sees it.
    await widget
      .getByRole('textbox', { name: 'Message' })
      .pressSequentially('Do you ship', { delay: 20 });
    await console
      .getByText(/typing/i)
      .first()
      .waitFor();

    // The agent replies with two lines (Shift+Enter) and Enter to send.
    const composer = console.getByRole('textbox', { name: 'Message' });
    await composer.click();
    await composer.pressSequentially('Hi there!');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('How can I help?');
    await composer.press('Enter');
    await widget.getByText(/Hi there!\s+How can I help\?/).waitFor();

    // The conversation survives navigation, a reload and shows in a second tab.
    await shop.goto(`${j.server.url}/demo`);
    await shop.locator('a[href^="/demo/products/"]').nth(1).click();
    await shop.waitForURL(/\/demo\/products\//);
    const afterNav = chatFrame(shop);
    await afterNav.getByText(/Hi there!/).waitFor();
    await expect.poll(() => afterNav.getByText('Hello', { exact: true }).count()).toBe(1);
    await shop.reload();
    await chatFrame(shop)
      .getByText(/Hi there!/)
      .waitFor();
    const secondTab = await j.shopper.newPage();
    await secondTab.goto(`${j.server.url}/demo`);
    const inSecond = await openWidget(secondTab);
    await inSecond.getByText(/Hi there!/).waitFor();

    // A message from the second tab shows in the first tab too, exactly once.
    await inSecond.getByRole('textbox', { name: 'Message' }).fill('Sent from my other tab');
    await inSecond.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect.poll(() => chatFrame(shop).getByText('Sent from my other tab').count()).toBe(1);
    await console
      .getByRole('region', { name: /Chat with/ })
      .getByText('Sent from my other tab')
      .waitFor();

    // The agent closes the chat; the visitor sees it ended.
    await console.getByRole('button', { name: 'Close chat' }).click();
    // The shopper still has the chat open, so closing asks for confirmation.
    await console.getByRole('dialog').getByRole('button', { name: /close/i }).first().click();
    await chatFrame(shop).getByText(/ended/i).first().waitFor();
  });
});
