import type { Agent, SsoAccountRule, SsoSettings, SsoStatusResponse } from '@parley/protocol';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/fixture.js';
import { CookieJar, startOidcProvider, type TestProvider } from '../../test/oidcProvider.js';
import { agentCall, signIn, type AgentLogin } from '../../test/server.js';
import { dialects } from '../../test/storage.js';

interface Body {
  error?: { code: string; message: string; details?: Record<string, string> };
  settings?: SsoSettings;
  agent?: Agent;
  agents?: Agent[];
}

const SECRET = 'provider-client-secret-4f9d1c';
// The test server's PUBLIC_URL: where browsers reach it, and so what the provider redirects to.
const PUBLIC_URL = 'http://127.0.0.1';
const REDIRECT_URI = `${PUBLIC_URL}/api/v1/auth/sso/callback`;

describe.each(dialects)('single sign-on with OpenID Connect (%s)', (dialect) => {
  let now = Date.now();
  const t = useTestServer(dialect, { clock: { now: () => now } });
  let idp: TestProvider;

  beforeAll(async () => {
    idp = await startOidcProvider({
      clientId: 'parley',
      clientSecret: SECRET,
      redirectUri: REDIRECT_URI,
    });
  });
  afterAll(() => idp?.close());

  const call = (login: AgentLogin, method: string, route: string, body?: unknown) =>
    agentCall<Body>(t.server.url, login, method, route, body);
  const configure = (accountRule: SsoAccountRule, extra: Record<string, unknown> = {}) =>
    call(t.admin, 'PUT', '/settings/sso', {
      enabled: true,
      displayName: 'Test IdP',
      issuer: idp.issuer,
      clientId: 'parley',
      accountRule,
      ...extra,
    });

  async function addAgent(email: string, password = 'agent-password-ab12'): Promise<Agent> {
    const res = await call(t.admin, 'POST', '/agents', {
      email,
      name: email,
      password,
      role: 'agent',
    });
    expect(res.status).toBe(201);
    return res.body.agent!;
  }

  /**
   * What a browser does after "Sign in with Test IdP": follow every redirect, fill the
   * provider's login form as `login`, and stop when Parley sends it to a console page.
   */
  async function providerSignIn(login: string, start = '/api/v1/auth/sso/start') {
    const jar = new CookieJar();
    let url = `${t.server.url}${start}`;
    let init: RequestInit = {};
    /** The provider's redirect back to Parley, as the browser followed it. */
    let callback = '';
    for (let hop = 0; hop < 20; hop++) {
      const res = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), cookie: jar.header(url) },
      });
      jar.take(url, res);
      init = {};
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        const next = new URL(location, url);
        if (next.origin === PUBLIC_URL)
          callback = url = `${t.server.url}${next.pathname}${next.search}`;
        else url = next.href;
        if (url.startsWith(`${t.server.url}/console`)) {
          const landed = new URL(url);
          return { landed: `${landed.pathname}${landed.search}${landed.hash}`, jar, callback };
        }
        continue;
      }
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (res.status !== 200 || !action) throw new Error(`unexpected ${res.status} at ${url}`);
      const form = new URLSearchParams({ prompt: 'login', login, password: 'any password' });
      url = new URL(action.replaceAll('&amp;', '&'), url).href;
      init = {
        method: 'POST',
        body: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      };
    }
    throw new Error('the sign-in never came back to the console');
  }

  /** The agent behind the session cookie the sign-in left, or the status when there is none. */
  async function sessionOf(jar: CookieJar) {
    const res = await fetch(`${t.server.url}/api/v1/auth/session`, {
      headers: { cookie: jar.header(t.server.url) },
    });
    if (res.status !== 200) return { status: res.status, agent: null };
    return { status: 200, agent: ((await res.json()) as { agent: Agent }).agent };
  }

  it('keeps the client secret write-only and checks the issuer by discovery', async () => {
    const off = (await (
      await fetch(`${t.server.url}/api/v1/auth/sso`)
    ).json()) as SsoStatusResponse;
    expect(off).toEqual({ enabled: false, displayName: null });

    const saved = await configure('link_by_email', { clientSecret: SECRET });
    expect(saved.status).toBe(200);
    expect(saved.body.settings).toEqual({
      enabled: true,
      displayName: 'Test IdP',
      issuer: idp.issuer,
      clientId: 'parley',
      clientSecretSet: true,
      accountRule: 'link_by_email',
      redirectUrl: REDIRECT_URI,
    });
    const read = await call(t.admin, 'GET', '/settings/sso');
    expect(JSON.stringify(read.body)).not.toContain(SECRET);
    expect(read.body.settings).toMatchObject({ clientSecretSet: true, issuer: idp.issuer });
    // Saving without a secret keeps the saved one.
    expect((await configure('link_by_email')).body.settings?.clientSecretSet).toBe(true);

    const on = (await (await fetch(`${t.server.url}/api/v1/auth/sso`)).json()) as SsoStatusResponse;
    expect(on).toEqual({ enabled: true, displayName: 'Test IdP' });

    const wrong = await configure('link_by_email', { issuer: 'http://127.0.0.1:9/nothing' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.code).toBe('SSO_DISCOVERY_FAILED');
    expect(wrong.body.error?.message).toMatch(/could not be reached/);
    const kept = await call(t.admin, 'GET', '/settings/sso');
    expect(kept.body.settings?.issuer).toBe(idp.issuer);
    const insecure = await configure('link_by_email', { issuer: 'http://idp.example.com' });
    expect(insecure.body.error?.details?.issuer).toMatch(/https/);
  });

  it('lets only admins read or change the settings', async () => {
    await addAgent('plain-agent@example.com');
    const agent = await signIn(t.server.url, 'plain-agent@example.com', 'agent-password-ab12');
    expect((await call(agent, 'GET', '/settings/sso')).status).toBe(403);
    expect((await call(agent, 'PUT', '/settings/sso', { enabled: false })).status).toBe(403);
    const anonymous = await fetch(`${t.server.url}/api/v1/settings/sso`);
    expect(anonymous.status).toBe(401);
  });

  it('links an agent by verified email, then signs them in as linked', async () => {
    const ana = await addAgent('ana@example.com');
    idp.users.set('ana-sub', { email: 'Ana@example.com', email_verified: true, name: 'Ana' });
    const first = await providerSignIn(
      'ana-sub',
      '/api/v1/auth/sso/start?returnTo=/console/%23/replies',
    );
    expect(first.landed).toBe('/console/#/replies');
    expect((await sessionOf(first.jar)).agent?.id).toBe(ana.id);

    expect((await configure('linked_only')).status).toBe(200);
    // The link holds even when the provider's email changes later.
    idp.users.set('ana-sub', { email: 'ana.new@example.com', email_verified: true, name: 'Ana' });
    const again = await providerSignIn('ana-sub');
    expect(again.landed).toBe('/console/');
    expect((await sessionOf(again.jar)).agent?.id).toBe(ana.id);
  });

  it('refuses an account that is not linked while only linked agents may sign in', async () => {
    await addAgent('bo@example.com');
    idp.users.set('bo-sub', { email: 'bo@example.com', email_verified: true, name: 'Bo' });
    const res = await providerSignIn('bo-sub');
    expect(res.landed).toBe('/console/?ssoError=SSO_NOT_LINKED');
    expect((await sessionOf(res.jar)).status).toBe(401);
  });

  it('never links or creates by an email the provider has not verified', async () => {
    expect((await configure('create_by_email')).status).toBe(200);
    idp.users.set('eve-sub', { email: 'bo@example.com', email_verified: false, name: 'Eve' });
    const res = await providerSignIn('eve-sub');
    expect(res.landed).toBe('/console/?ssoError=SSO_EMAIL_UNVERIFIED');
    expect((await sessionOf(res.jar)).status).toBe(401);
  });

  it('creates an agent (role agent) for a new verified email under the create rule', async () => {
    expect((await configure('create_by_email')).status).toBe(200);
    idp.users.set('cy-sub', { email: 'cy@example.com', email_verified: true, name: 'Cy Newman' });
    const res = await providerSignIn('cy-sub');
    expect(res.landed).toBe('/console/');
    const { agent } = await sessionOf(res.jar);
    expect(agent).toMatchObject({ email: 'cy@example.com', name: 'Cy Newman', role: 'agent' });
    const list = await call(t.admin, 'GET', '/agents');
    expect(list.body.agents?.filter((a) => a.email === 'cy@example.com')).toHaveLength(1);
  });

  it('refuses a deactivated agent, linked or matched by email', async () => {
    expect((await configure('link_by_email')).status).toBe(200);
    const dan = await addAgent('dan@example.com');
    idp.users.set('dan-sub', { email: 'dan@example.com', email_verified: true, name: 'Dan' });
    expect((await sessionOf((await providerSignIn('dan-sub')).jar)).agent?.id).toBe(dan.id);
    const off = await call(t.admin, 'PATCH', `/agents/${dan.id}`, { deactivated: true });
    expect(off.status).toBe(200);
    const res = await providerSignIn('dan-sub');
    expect(res.landed).toBe('/console/?ssoError=SSO_ACCOUNT_DISABLED');
    expect((await sessionOf(res.jar)).status).toBe(401);
  });

  it('refuses an unknown state, a replayed callback and an absolute return address', async () => {
    const bogus = await fetch(`${t.server.url}/api/v1/auth/sso/callback?code=x&state=made-up`, {
      redirect: 'manual',
    });
    expect(bogus.headers.get('location')).toBe('/console/?ssoError=SSO_STATE_INVALID');
    expect(bogus.headers.getSetCookie()).toEqual([]);

    idp.users.set('ana-sub', { email: 'ana@example.com', email_verified: true, name: 'Ana' });
    const evil = await providerSignIn('ana-sub', '/api/v1/auth/sso/start?returnTo=//evil.example/');
    expect(evil.landed).toBe('/console/');
    expect((await sessionOf(evil.jar)).status).toBe(200);
    const replay = await fetch(evil.callback, { redirect: 'manual' });
    expect(replay.headers.get('location')).toBe('/console/?ssoError=SSO_STATE_INVALID');
  });

  it('asks an agent with two-factor sign-in for their code before the session starts', async () => {
    await addAgent('fay@example.com', 'fay-password-xy98');
    const fay = await signIn(t.server.url, 'fay@example.com', 'fay-password-xy98');
    const setup = await call(fay, 'POST', '/agents/me/two-factor/setup');
    const { secret } = setup.body as unknown as { secret: string };
    const codeAt = (at: number) =>
      new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: at });
    expect(
      (await call(fay, 'POST', '/agents/me/two-factor/enable', { code: codeAt(now) })).status,
    ).toBe(200);

    idp.users.set('fay-sub', { email: 'fay@example.com', email_verified: true, name: 'Fay' });
    const res = await providerSignIn('fay-sub');
    expect(res.landed).toBe('/console/?sso=code');
    expect((await sessionOf(res.jar)).status).toBe(401);
    const ticket = res.jar.header(t.server.url);
    expect(ticket).toMatch(/parley_sso_ticket=/);
    const submit = (code: string) =>
      fetch(`${t.server.url}/api/v1/auth/sso/second-factor`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: ticket },
        body: JSON.stringify({ code }),
      });
    const wrong = await submit('000000');
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as Body).error?.code).toBe('TWO_FACTOR_INVALID');

    now += 30_000;
    const right = await submit(codeAt(now));
    expect(right.status).toBe(200);
    res.jar.take(t.server.url, right);
    expect((await sessionOf(res.jar)).agent?.email).toBe('fay@example.com');
    // The ticket is spent: replaying it does not make a second session.
    now += 30_000;
    expect((await submit(codeAt(now))).status).toBe(400);
  });

  it('can be switched off while the provider is down, and then offers no sign-in', async () => {
    await idp.close();
    const off = await configure('link_by_email', { enabled: false });
    expect(off.status).toBe(200);
    expect(off.body.settings).toMatchObject({ enabled: false, issuer: idp.issuer });
    const status = await fetch(`${t.server.url}/api/v1/auth/sso`);
    expect(await status.json()).toEqual({ enabled: false, displayName: null });
    const start = await fetch(`${t.server.url}/api/v1/auth/sso/start`, { redirect: 'manual' });
    expect(start.headers.get('location')).toBe('/console/?ssoError=SSO_DISABLED');
    const on = await configure('link_by_email');
    expect(on.body.error?.code).toBe('SSO_DISCOVERY_FAILED');
  });
});
