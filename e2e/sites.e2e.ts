import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { goOnline, signInToConsole } from './support/console.js';
import { ADMIN, startServer, type RunningServer } from './support/server.js';

/**
 * A site's look, as an admin sets it and a shopper sees it: the launcher in the left corner in
 * the site's colour, and the greeting and the offline text in the shopper's language.
 */
describe("a site's look in the browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let call: (method: string, path: string, body?: unknown) => Promise<Response>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    call = (method, path, body) =>
      fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('puts the launcher where and in the colour the admin chose, and greets in Spanish', async () => {
    const { sites } = (await (await call('GET', '/sites')).json()) as {
      sites: Array<{ id: string }>;
    };
    const patched = await call('PATCH', `/sites/${sites[0]!.id}`, {
      position: 'left',
      accentColor: '#2f9e44',
      greeting: 'Hello! Ask us anything.',
      greetings: { es: '¡Hola! Pregúntanos lo que quieras.' },
      offlineMessage: { es: 'Ahora no hay nadie; déjanos tu mensaje y te escribimos.' },
    });
    expect(patched.status).toBe(200);

    const shopper = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'es-ES',
    });
    const page = await shopper.newPage();
    await page.goto(`${server.url}/demo`);
    const launcher = page.getByRole('button', { name: 'Abrir chat' });
    await launcher.waitFor();
    const box = (await launcher.boundingBox())!;
    expect(box.x, 'the launcher sits at the left edge').toBeLessThan(100);
    expect(await launcher.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe(
      'rgb(47, 158, 68)',
    );

    await launcher.click();
    const frame = page.frameLocator('iframe[title="Chat"]');
    // Nobody is online: the message form, with the site's own Spanish text above it.
    await frame.getByText('Ahora no hay nadie; déjanos tu mensaje y te escribimos.').waitFor();
    await shopper.close();
  });

  it('shows the Spanish greeting once someone can answer', async () => {
    // An agent Online makes the chat available; the greeting is the top of an empty chat.
    const agentCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const console = await agentCtx.newPage();
    await signInToConsole(console, server.url);
    await goOnline(console);

    const shopper = await browser.newContext({ locale: 'es-ES' });
    const page = await shopper.newPage();
    await page.goto(`${server.url}/demo`);
    await page.getByRole('button', { name: 'Abrir chat' }).click();
    const frame = page.frameLocator('iframe[title="Chat"]');
    await frame.getByText('¡Hola! Pregúntanos lo que quieras.').waitFor();
    expect(await frame.getByText('Hello! Ask us anything.').count()).toBe(0);
    await shopper.close();
    await agentCtx.close();
  });
});
