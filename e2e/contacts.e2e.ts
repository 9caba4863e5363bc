import { describe, expect, it } from 'vitest';
import { goOnline, signInToConsole } from './support/console.js';
import { useJourney } from './support/journey.js';
import { shotBothSizes } from './support/shots.js';
import { openWidget } from './support/widget.js';

const SHOPPER = { name: 'Nora Customer', email: 'nora.customer@example.com' };

/**
 * An agent in a chat saves the visitor as a contact ("Create contact", prefilled with what
 * the visitor gave), opens the contact's page and finds that chat there.
 */
describe('contacts: a customer record made from a chat', () => {
  const j = useJourney();

  it('creates a contact from the visitor panel and shows the chat on its page', async () => {
    const console = await j.agent.newPage();
    await signInToConsole(console, j.server.url);
    await goOnline(console);

    const shop = await j.shopper.newPage();
    await shop.goto(`${j.server.url}/demo`);
    await shop.waitForFunction(() => (window as { Parley?: { loaded?: boolean } }).Parley?.loaded);
    await shop.evaluate(
      (d) =>
        (
          window as unknown as { Parley: { identify(d: object): Promise<unknown> } }
        ).Parley.identify(d),
      SHOPPER,
    );
    const widget = await openWidget(shop);
    await widget.getByRole('textbox', { name: 'Message' }).fill('Where is my order 1042?');
    await widget.getByRole('button', { name: 'Send' }).click();

    const waiting = console.getByRole('button', { name: new RegExp(SHOPPER.name) }).first();
    await waiting.waitFor();
    await waiting.click();
    await console.getByRole('button', { name: 'Accept' }).click();
    await console.getByText('Where is my order 1042?', { exact: true }).first().waitFor();

    const panel = console.getByRole('complementary', { name: 'Visitor details' });
    await panel.getByRole('button', { name: 'Create contact' }).waitFor();
    await shotBothSizes(console, 'contacts-visitor-panel');
    await panel.getByRole('button', { name: 'Create contact' }).click();

    const form = console.getByRole('dialog', { name: 'Create contact' });
    expect(await form.getByLabel('Name').inputValue()).toBe(SHOPPER.name);
    await form.getByText(SHOPPER.email).waitFor();
    await form.getByLabel('Company').fill('Nora & Co');
    await form.getByRole('button', { name: 'Save contact' }).click();
    await form.waitFor({ state: 'hidden' });

    const link = panel.getByRole('link', { name: SHOPPER.name });
    await link.waitFor();
    await link.click();
    await console.getByRole('heading', { name: SHOPPER.name, level: 1 }).waitFor();
    const chats = console.getByRole('region', { name: 'Chats' });
    await chats.getByText('Where is my order 1042?').waitFor();
    await console
      .getByRole('complementary', { name: 'Contact details' })
      .getByText(SHOPPER.email)
      .waitFor();
    await shotBothSizes(console, 'contacts-page');

    await console.getByRole('link', { name: 'All contacts' }).click();
    await console.getByRole('link', { name: SHOPPER.name }).waitFor();
    await shotBothSizes(console, 'contacts-list');

    // The admin exports everything held about the contact, then erases it.
    await console.getByRole('link', { name: SHOPPER.name }).click();
    const details = console.getByRole('complementary', { name: 'Contact details' });
    const exportLink = details.getByRole('link', { name: 'Export data' });
    const href = await exportLink.getAttribute('href');
    expect(href).toMatch(/\/api\/v1\/contacts\/[^/]+\/export$/);
    const archive = await console.request.get(`${j.server.url}${href}`);
    expect(archive.status()).toBe(200);
    expect(archive.headers()['content-type']).toContain('zip');
    expect((await archive.body()).subarray(0, 2).toString()).toBe('PK');

    await details.getByRole('button', { name: 'Erase data' }).click();
    const confirm = console.getByRole('dialog', { name: 'Erase data?' });
    const erase = confirm.getByRole('button', { name: 'Erase everything' });
    expect(await erase.isDisabled()).toBe(true);
    await confirm.getByLabel(`Type ${SHOPPER.name} to confirm`).fill(SHOPPER.name);
    await shotBothSizes(console, 'contacts-erase');
    await erase.click();
    await console.getByText(/^Erased: 1 chat, /).waitFor();
    await console.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
    expect(await console.getByRole('link', { name: SHOPPER.name }).count()).toBe(0);
  });
});
