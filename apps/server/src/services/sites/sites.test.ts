import type { SiteSummary, WidgetConfig } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { agentCall, signIn, type AgentLogin } from '../../test/server.js';
import { useTestServer } from '../../test/fixture.js';
import { dialects } from '../../test/storage.js';

describe.each(dialects)('sites (%s)', (dialect) => {
  const t = useTestServer(dialect);

  const call = (login: AgentLogin, method: string, route: string, body?: unknown) =>
    agentCall<{
      site?: SiteSummary;
      sites?: SiteSummary[];
      error?: { code: string; details?: Record<string, string> };
    }>(t.server.url, login, method, route, body);
  const config = async (key: string) => {
    const res = await fetch(`${t.server.url}/api/v1/widget/config?siteKey=${key}`);
    return { status: res.status, config: ((await res.json()) as { config?: WidgetConfig }).config };
  };

  it('an admin adds a site whose widget loads at once with the usual defaults', async () => {
    const res = await call(t.admin, 'POST', '/sites', {
      name: 'Garden store',
      allowedOrigins: ['https://garden.example/shop'],
    });
    expect(res.status).toBe(201);
    const site = res.body.site!;
    expect(site).toMatchObject({ name: 'Garden store', chatEnabled: true, departmentIds: [] });
    expect(site.key).toMatch(/^site_[A-Za-z0-9_-]{12}$/);
    expect(site.identitySecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(site.settings).toMatchObject({
      allowedOrigins: ['https://garden.example'],
      position: 'right',
      greetings: {},
    });
    const { status, config: c } = await config(site.key);
    expect(status).toBe(200);
    expect(c).toMatchObject({ siteName: 'Garden store', position: 'right' });
    const listed = await call(t.admin, 'GET', '/sites');
    expect(listed.body.sites!.map((s) => s.name)).toContain('Garden store');
  });

  it('sets name, greeting per language, offline text, colour and position, seen by the widget', async () => {
    const { site } = (await call(t.admin, 'POST', '/sites', { name: 'Tea house' })).body;
    const patched = await call(t.admin, 'PATCH', `/sites/${site!.id}`, {
      name: 'Tea house & co',
      greeting: 'Hello! Ask us anything.',
      greetings: { es: '¡Hola! Pregúntanos.', de: 'Hallo! Fragen Sie uns.' },
      offlineMessage: { en: 'Leave us a note; we answer within a day.' },
      accentColor: '#2F9E44',
      position: 'left',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.site).toMatchObject({
      name: 'Tea house & co',
      settings: { accentColor: '#2f9e44', position: 'left' },
    });
    const { config: c } = await config(site!.key);
    expect(c).toMatchObject({
      siteName: 'Tea house & co',
      greeting: 'Hello! Ask us anything.',
      greetings: { es: '¡Hola! Pregúntanos.', de: 'Hallo! Fragen Sie uns.' },
      offlineMessage: { en: 'Leave us a note; we answer within a day.' },
      accentColor: '#2f9e44',
      position: 'left',
    });
  });

  it('refuses bad values with the field named, and non-admins', async () => {
    const { site } = (await call(t.admin, 'POST', '/sites', { name: 'Checks' })).body;
    const color = await call(t.admin, 'PATCH', `/sites/${site!.id}`, { accentColor: 'red' });
    expect(color.status).toBe(400);
    expect(color.body.error?.details).toHaveProperty('accentColor');
    const lang = await call(t.admin, 'PATCH', `/sites/${site!.id}`, { greetings: { xx: 'Hi' } });
    expect(lang.status).toBe(400);
    const position = await call(t.admin, 'PATCH', `/sites/${site!.id}`, { position: 'top' });
    expect(position.status).toBe(400);
    expect((await call(t.admin, 'POST', '/sites', { name: '' })).status).toBe(400);

    const password = 'an-agent-password-42';
    await call(t.admin, 'POST', '/agents', {
      email: `plain-${dialect}@example.com`,
      name: 'Plain',
      password,
    });
    const agent = await signIn(t.server.url, `plain-${dialect}@example.com`, password);
    expect((await call(agent, 'POST', '/sites', { name: 'Mine' })).status).toBe(403);
    expect((await call(agent, 'DELETE', `/sites/${site!.id}`)).status).toBe(403);
  });

  it('removes a site: its widget stops loading, the last site stays', async () => {
    const { site } = (await call(t.admin, 'POST', '/sites', { name: 'Closing down' })).body;
    expect((await call(t.admin, 'DELETE', `/sites/${site!.id}`)).status).toBe(204);
    expect((await config(site!.key)).status).toBe(404);
    const session = await fetch(`${t.server.url}/api/v1/widget/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ siteKey: site!.key }),
    });
    expect(session.status).toBe(404);
    expect((await call(t.admin, 'GET', '/sites')).body.sites!.map((s) => s.id)).not.toContain(
      site!.id,
    );
    expect((await call(t.admin, 'PATCH', `/sites/${site!.id}`, { name: 'Back' })).status).toBe(404);

    const remaining = (await call(t.admin, 'GET', '/sites')).body.sites!;
    for (const s of remaining.slice(1)) await call(t.admin, 'DELETE', `/sites/${s.id}`);
    const last = await call(t.admin, 'DELETE', `/sites/${remaining[0]!.id}`);
    expect(last.status).toBe(400);
    expect((await config(remaining[0]!.key)).status).toBe(200);
  });
});
