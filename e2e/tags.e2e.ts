import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { goOnline, signInToConsole } from './support/console.js';
import { useJourney } from './support/journey.js';
import { shot, takingShots } from './support/shots.js';
import { openWidget } from './support/widget.js';

/** The same view on a phone: a fresh page of the same session at 390x844. */
async function phoneShot(
  ctx: BrowserContext,
  url: string,
  name: string,
  prepare: (page: Page) => Promise<void> = async () => undefined,
): Promise<void> {
  if (!takingShots()) return;
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(url);
  await prepare(page);
  await shot(page, name);
  await page.close();
}

/**
 * Titles and tags as agents use them: an admin makes a "Refund" tag in Settings; an agent
 * renames a chat and tags it, a colleague's open console shows both without a reload; the
 * chat is closed and found again in the Archive by its tag and in search by its title.
 */
describe('renaming and tagging chats in the console', () => {
  const j = useJourney();
  let colleagueCtx: BrowserContext;
  beforeAll(async () => {
    colleagueCtx = await j.browser.newContext({ viewport: { width: 1440, height: 900 } });
  });

  it('renames and tags a chat, live in a second console, and finds it after closing', async () => {
    const console = await j.agent.newPage();
    await signInToConsole(console, j.server.url);
    await goOnline(console);

    // Settings → Tags: the admin makes the tag agents will pick.
    await console.goto(`${j.server.url}/console/#/settings/tags`);
    await console.getByRole('button', { name: 'New tag' }).click();
    const dialog = console.getByRole('dialog', { name: 'New tag' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Refund');
    // Mantine gives a select either role, as goOnline finds Status.
    const colour = dialog
      .getByRole('textbox', { name: 'Colour' })
      .or(dialog.getByRole('combobox', { name: 'Colour' }));
    await colour.first().click();
    await console.getByRole('option', { name: 'Red' }).click();
    await dialog.getByRole('button', { name: 'Create tag' }).click();
    await console.getByRole('table', { name: 'Tags' }).getByText('Refund').waitFor();
    await shot(console, 'tags-settings-1440');
    await phoneShot(j.agent, console.url(), 'tags-settings-390', (p) =>
      p.getByRole('table', { name: 'Tags' }).getByText('Refund').waitFor(),
    );

    const shop = await j.shopper.newPage();
    await shop.goto(`${j.server.url}/demo`);
    const widget = await openWidget(shop);
    await widget.getByRole('textbox', { name: 'Message' }).fill('My parcel came late, refund?');
    await widget.getByRole('button', { name: 'Send' }).click();

    await console.goto(`${j.server.url}/console/#/`);
    await console
      .getByRole('button', { name: /#\d{4}/ })
      .first()
      .click();
    await console.getByRole('button', { name: 'Accept' }).click();
    await console.getByRole('textbox', { name: 'Message' }).waitFor();

    // A colleague (the same admin in another browser) has the chat list open.
    const colleague = await colleagueCtx.newPage();
    await signInToConsole(colleague, j.server.url);
    await colleague
      .getByRole('button', { name: /#\d{4}/ })
      .first()
      .waitFor();

    await console.getByRole('button', { name: 'Rename chat' }).click();
    const title = console.getByRole('textbox', { name: 'Chat title' });
    await title.fill('Nothing yet');
    await title.press('Escape');
    await expect.poll(() => title.count()).toBe(0);
    await console.getByRole('button', { name: 'Rename chat' }).click();
    await title.fill('  Late parcel refund ');
    await title.press('Enter');
    await console.getByRole('heading', { name: 'Late parcel refund' }).waitFor();

    await console.getByRole('button', { name: 'Add tag' }).click();
    await console.getByRole('textbox', { name: 'Find a tag' }).fill('ref');
    await console.getByRole('option', { name: 'Refund' }).click();
    const tags = console.getByRole('group', { name: 'Tags of this chat' });
    await tags.getByRole('button', { name: 'Remove tag Refund' }).waitFor();

    // Without a reload, the colleague's list calls the chat by its title, with its tag.
    await colleague
      .getByRole('button', { name: /^Late parcel refund, .*tagged Refund/ })
      .first()
      .waitFor();
    // The visitor sees neither.
    expect(await widget.locator('body').textContent()).not.toMatch(/Late parcel refund|Refund\b/);

    await shot(console, 'chat-header-1440');
    await phoneShot(j.agent, `${j.server.url}/console/#/`, 'chat-header-390', async (p) => {
      await p.getByRole('button', { name: 'Show chat list' }).click();
      await p
        .getByRole('button', { name: /^Late parcel refund/ })
        .first()
        .click();
      await p.getByRole('button', { name: 'Remove tag Refund' }).waitFor();
    });

    await console.getByRole('button', { name: 'Close chat' }).click();
    const confirm = console.getByRole('dialog').getByRole('button', { name: /close/i });
    if (await confirm.count()) await confirm.first().click();

    // The Archive, narrowed to the tag, lists the chat under its title.
    await console.goto(`${j.server.url}/console/#/archive`);
    await console.getByRole('heading', { name: 'Archive' }).waitFor();
    const tagFilter = console
      .getByRole('textbox', { name: 'Tags' })
      .or(console.getByRole('combobox', { name: 'Tags' }));
    await tagFilter.first().click();
    await console.getByRole('option', { name: 'Refund' }).click();
    await console.keyboard.press('Escape');
    const row = console.getByRole('row', { name: /Late parcel refund/ });
    await row.getByRole('button', { name: 'Open chat with Late parcel refund' }).waitFor();
    await row.getByLabel('Tags: Refund').waitFor();
    await shot(console, 'archive-tags-1440');
    await phoneShot(j.agent, console.url(), 'archive-tags-390', (p) =>
      p.getByRole('button', { name: 'Open chat with Late parcel refund' }).waitFor(),
    );

    // Search by the title, one typo in it.
    const search = console.getByRole('textbox', { name: 'Search' });
    await search.click();
    await search.fill('parcle refund');
    await console.getByRole('button', { name: 'Chat with Late parcel refund' }).waitFor();
  });
});
