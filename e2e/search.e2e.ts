import { describe, expect, it } from 'vitest';
import { goOnline, signInToConsole } from './support/console.js';
import { useJourney } from './support/journey.js';
import { openWidget } from './support/widget.js';

/**
 * Search as an agent uses it: a shopper asks for a crème brûlée, the agent answers and closes
 * the chat; later the agent types "creme brulee" in the console's search box, picks the hit
 * and lands on that message in its chat.
 */
describe('searching past chats in the console', () => {
  const j = useJourney();

  it('finds a closed chat by a word typed without accents and opens it at the message', async () => {
    const console = await j.agent.newPage();
    await signInToConsole(console, j.server.url);
    await goOnline(console);

    const shop = await j.shopper.newPage();
    await shop.goto(`${j.server.url}/demo`);
    const widget = await openWidget(shop);
    await widget.getByRole('textbox', { name: 'Message' }).fill('Crème brûlée please');
    await widget.getByRole('button', { name: 'Send' }).click();

    const waiting = console.getByRole('button', { name: /#\d{4}/ }).first();
    await waiting.click();
    await console.getByRole('button', { name: 'Accept' }).click();
    const composer = console.getByRole('textbox', { name: 'Message' });
    await composer.fill('Two crème brûlées coming up.');
    await composer.press('Enter');
    await widget.getByText('Two crème brûlées coming up.').waitFor();
    await console.getByRole('button', { name: 'Close chat' }).click();
    const confirm = console.getByRole('dialog').getByRole('button', { name: /close/i });
    if (await confirm.count()) await confirm.first().click();

    // Another chat comes in and is opened, so the search has to take the agent back.
    const otherShopper = await j.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const other = await otherShopper.newPage();
    await other.goto(`${j.server.url}/demo`);
    const second = await openWidget(other);
    await second.getByRole('textbox', { name: 'Message' }).fill('Where is my parcel?');
    await second.getByRole('button', { name: 'Send' }).click();
    await console
      .getByRole('button', { name: /#\d{4}/ })
      .first()
      .click();
    await console.getByText('Where is my parcel?').first().waitFor();

    const search = console.getByRole('textbox', { name: 'Search' });
    await search.click();
    await search.pressSequentially('creme brul', { delay: 30 });
    const hit = console.getByRole('button', { name: /Message in chat with .*Crème brûlée please/ });
    await hit.waitFor();
    await expect.poll(() => console.locator('mark').allTextContents()).toContain('Crème');
    await hit.click();

    const found = console.locator('[data-message-id][data-found]');
    await found.waitFor();
    expect(await found.textContent()).toContain('Crème brûlée please');
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(false);

    // Find in chat: Ctrl+F within the open chat, with the count and next/previous.
    await console.keyboard.press('Control+f');
    const findBox = console.getByRole('textbox', { name: 'Find in chat' });
    await findBox.fill('BRULEE');
    await console.getByText('2 of 2').waitFor();
    await console.getByRole('button', { name: 'Previous match' }).click();
    await console.getByText('1 of 2').waitFor();
    expect(await console.locator('[data-message-id][data-found]').textContent()).toContain(
      'Crème brûlée please',
    );
    await findBox.press('Enter');
    await console.getByText('2 of 2').waitFor();
    await findBox.fill('pistachio');
    await console.getByText('No matches').waitFor();
  });

  it('says so when nothing matches, and survives any input', async () => {
    const console = await j.agent.newPage();
    await console.goto(`${j.server.url}/console/`);
    const search = console.getByRole('textbox', { name: 'Search' });
    await search.fill(`"'; DROP TABLE messages; -- NEAR( *`);
    await console.getByText(/Nothing found for/).waitFor();
    await search.fill('parcel');
    await console
      .getByRole('button', { name: /Message in chat with .*Where is my parcel/ })
      .waitFor();
  });

  it('lists the closed chat in the Archive and opens it read-only', async () => {
    const console = await j.agent.newPage();
    await console.goto(`${j.server.url}/console/#/archive`);
    await console.getByRole('heading', { name: 'Archive' }).waitFor();
    const row = console.getByRole('row', { name: /Crème brûlée please/ });
    await row.waitFor();
    await row.getByRole('button', { name: /Open chat with/ }).click();
    const transcript = console.getByRole('log', { name: 'Messages (read-only)' });
    await transcript.getByText('Two crème brûlées coming up.').waitFor();
    await console.keyboard.press('Escape');
    // Filtering by a rating nobody gave empties the list.
    const rating = console
      .getByRole('textbox', { name: 'Rating' })
      .or(console.getByRole('combobox', { name: 'Rating' }));
    await rating.first().click();
    await console.getByRole('option', { name: 'Bad' }).click();
    await console.getByText('No closed chats match these filters.').waitFor();
  });
});
