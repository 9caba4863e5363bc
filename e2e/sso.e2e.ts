import * as OTPAuth from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
// The provider the server's own SSO tests sign in with, so both suites test one setup.
import { startOidcProvider, type TestProvider } from '../apps/server/src/test/oidcProvider.js';
import { ADMIN, adminApi, startServer, type RunningServer } from './support/server.js';

/**
 * Single sign-on as an agent meets it: the console's sign-in page offers "Sign in with Acme
 * ID", the provider's login page asks who they are, and they land in the console signed in.
 */
describe('single sign-on in the console', () => {
  let server: RunningServer;
  let idp: TestProvider;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    idp = await startOidcProvider({
      clientId: 'parley-console',
      clientSecret: 'e2e-client-secret-7c1a',
      redirectUri: `${server.url}/api/v1/auth/sso/callback`,
    });
    browser = await launchBrowser();
    const api = await adminApi(server);
    const created = await api('/agents', {
      email: 'ana.sso@example.com',
      name: 'Ana Sso',
      password: 'ana-sso-password-1',
      role: 'agent',
    });
    expect(created.status).toBe(201);
    idp.users.set('ana', { email: 'ana.sso@example.com', email_verified: true, name: 'Ana' });

    // The admin's settings call, as the console's Single sign-on section makes it.
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const saved = await fetch(`${server.url}/api/v1/settings/sso`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]!,
        'x-csrf-token': csrfToken,
      },
      body: JSON.stringify({
        enabled: true,
        displayName: 'Acme ID',
        issuer: idp.issuer,
        clientId: 'parley-console',
        clientSecret: 'e2e-client-secret-7c1a',
        accountRule: 'link_by_email',
      }),
    });
    expect(saved.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await idp?.close();
    await server?.stop();
  });

  /** From the console's sign-in page through the provider's own login page, on its origin. */
  async function signInAtProvider(page: Page, login: string) {
    await page.goto(`${server.url}/console/`);
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).click();
    await page.waitForURL((url) => url.origin === idp.issuer, { timeout: 15_000 });
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('whatever the provider checks');
    await page.getByRole('button', { name: 'Sign-in' }).click();
  }

  it('an agent clicks "Sign in with Acme ID", signs in at the provider and lands in the console', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await signInAtProvider(page, 'ana');

    await page.getByRole('button', { name: /^Account:.*Ana Sso/ }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).origin).toBe(server.url);
    expect(new URL(page.url()).search).toBe('');
    await ctx.close();
  });

  it('an unverified email comes back to the sign-in page with the reason', async () => {
    idp.users.set('mallory', {
      email: 'ana.sso@example.com',
      email_verified: false,
      name: 'Mallory',
    });
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await signInAtProvider(page, 'mallory');

    await page
      .getByRole('alert')
      .getByText('The identity provider has not verified your email address.')
      .waitFor({ timeout: 15_000 });
    await page.getByLabel('Email').waitFor();
    expect(new URL(page.url()).search).toBe('');
    await ctx.close();
  });

  it('an agent with two-factor sign-in types their app code after the provider', async () => {
    const api = await adminApi(server);
    const bo = { email: 'bo.sso@example.com', password: 'bo-sso-password-22' };
    expect((await api('/agents', { ...bo, name: 'Bo Sso', role: 'agent' })).status).toBe(201);
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(bo),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = {
      'content-type': 'application/json',
      cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]!,
      'x-csrf-token': csrfToken,
    };
    const setup = await fetch(`${server.url}/api/v1/agents/me/two-factor/setup`, {
      method: 'POST',
      headers,
    });
    const { secret } = (await setup.json()) as { secret: string };
    const app = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
    const enabledAt = Date.now();
    const on = await fetch(`${server.url}/api/v1/agents/me/two-factor/enable`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ code: app.generate({ timestamp: enabledAt }) }),
    });
    expect(on.status).toBe(200);
    idp.users.set('bo', { email: bo.email, email_verified: true, name: 'Bo' });

    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await signInAtProvider(page, 'bo');
    await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Authentication code').fill('000000');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').getByText('That code is not right').waitFor();
    // A code of the next 30-second step: the one used to turn it on works only once.
    await page
      .getByLabel('Authentication code')
      .fill(app.generate({ timestamp: enabledAt + 30_000 }));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: /^Account:.*Bo Sso/ }).waitFor({ timeout: 15_000 });
    await ctx.close();
  });
});
