import type {
  ContactListResponse,
  ContactPageResponse,
  ContactResponse,
  SiteSummary,
  VisitorContactResponse,
} from '@parley/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIdentityToken } from '../../domain/identityToken.js';
import { addMember, addSite, chatOn, demoSite, type Member } from '../../test/access.js';
import { useTestServer } from '../../test/fixture.js';
import { agentCall, newVisitor, visitorFetch, type AgentLogin } from '../../test/server.js';
import { dialects } from '../../test/storage.js';

type Failure = { error?: { code: string; details?: Record<string, string> } };

describe.each(dialects)('contacts (%s)', (dialect) => {
  const t = useTestServer(dialect);
  let site: SiteSummary;
  let other: SiteSummary;
  let ana: Member;
  let sue: Member;
  let oz: Member;
  let sales: string;
  let support: string;

  const call = <T>(login: AgentLogin, method: string, route: string, body?: unknown) =>
    agentCall<T & Failure>(t.server.url, login, method, route, body);
  const create = (login: AgentLogin, body: object) =>
    call<ContactResponse>(login, 'POST', '/contacts', body);
  const contactOf = async (visitorId: string, login = t.admin) =>
    (await call<VisitorContactResponse>(login, 'GET', `/visitors/${visitorId}/contact`)).body
      .contact;
  const identify = (token: string, body: object) =>
    visitorFetch(t.server.url, token, '/widget/identify', {
      method: 'POST',
      body: JSON.stringify(body),
    });
  const signed = async (claims: Record<string, string>) => {
    const res = await call<{ sites: SiteSummary[] }>(t.admin, 'GET', '/sites');
    const secret = res.body.sites.find((s) => s.id === site.id)!.identitySecret!;
    return signIdentityToken({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 }, secret);
  };

  beforeAll(async () => {
    site = await demoSite(t);
    other = await addSite(t, 'Other shop');
    ana = await addMember(t, 'Ana', 'agent', [site.id]);
    sue = await addMember(t, 'Sue', 'supervisor', [site.id]);
    oz = await addMember(t, 'Oz', 'agent', [other.id]);
    const dept = await call<{ department: { id: string } }>(t.admin, 'POST', '/departments', {
      name: `Sales ${dialect}`,
      memberIds: [sue.id],
    });
    sales = dept.body.department.id;
    const own = await call<{ department: { id: string } }>(t.admin, 'POST', '/departments', {
      name: `Support ${dialect}`,
      memberIds: [ana.id, sue.id],
    });
    support = own.body.department.id;
    await call(t.admin, 'PUT', `/sites/${site.id}/departments`, {
      departmentIds: [sales, support],
    });
  });

  it('creates a contact from a chat, linked to its visitor, whose page shows that chat', async () => {
    const { visitorId, conversation } = await chatOn(t, t.server.siteKey, support);
    const res = await create(ana.login, {
      visitorId,
      name: '  Grace Hopper ',
      emails: ['Grace@Navy.example', 'grace@navy.example'],
      phones: ['+1 (555) 010-0100'],
      company: 'US Navy',
      customFields: { plan: 'gold' },
    });
    expect(res.status).toBe(201);
    expect(res.body.contact).toMatchObject({
      siteId: site.id,
      name: 'Grace Hopper',
      emails: ['grace@navy.example'],
      phones: ['+1 (555) 010-0100'],
      company: 'US Navy',
      customFields: { plan: 'gold' },
    });
    expect((await contactOf(visitorId, ana.login))?.id).toBe(res.body.contact.id);
    const page = await call<ContactPageResponse>(
      ana.login,
      'GET',
      `/contacts/${res.body.contact.id}`,
    );
    expect(page.status).toBe(200);
    expect(page.body.visitors.map((v) => v.id)).toEqual([visitorId]);
    expect(page.body.conversations.map((c) => c.id)).toEqual([conversation.id]);

    const edit = await call<ContactResponse>(
      ana.login,
      'PATCH',
      `/contacts/${res.body.contact.id}`,
      {
        notes: 'Prefers email.',
        phones: [],
      },
    );
    expect(edit.body.contact).toMatchObject({
      name: 'Grace Hopper',
      notes: 'Prefers email.',
      phones: [],
      emails: ['grace@navy.example'],
    });
    const found = await call<ContactListResponse>(ana.login, 'GET', '/contacts?q=navy.EXAMPLE');
    expect(found.body.contacts.map((c) => c.id)).toContain(res.body.contact.id);
  });

  it('refuses bad input with VALIDATION_FAILED naming the field', async () => {
    const { visitorId } = await newVisitor(t.server.url, t.server.siteKey);
    const cases: Array<[object, string]> = [
      [{ visitorId, name: '   ' }, 'name'],
      [{ visitorId, name: 'X', emails: ['not an email'] }, 'emails.0'],
      [{ visitorId, name: 'X', phones: ['call me'] }, 'phones.0'],
      [
        { visitorId, name: 'X', phones: Array.from({ length: 11 }, (_, i) => `+1 555 01${i}0`) },
        'phones',
      ],
      [{ visitorId, name: 'X', notes: 'n'.repeat(5001) }, 'notes'],
      [
        {
          visitorId,
          name: 'X',
          customFields: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])),
        },
        'customFields',
      ],
      [{ name: 'Nobody' }, 'visitorId'],
    ];
    for (const [body, field] of cases) {
      const res = await create(ana.login, body);
      expect(res.status, field).toBe(400);
      expect(res.body.error?.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.body.error?.details ?? {})).toContain(field);
    }
  });

  it('never links by a typed email, but links by a signed one', async () => {
    const made = await create(t.admin, {
      siteId: site.id,
      name: 'Ada',
      emails: [`ada-${dialect}@example.com`],
    });
    const typed = await newVisitor(t.server.url, t.server.siteKey);
    expect((await identify(typed.token, { email: `ada-${dialect}@example.com` })).status).toBe(200);
    expect(await contactOf(typed.visitorId)).toBeNull();

    const verified = await newVisitor(t.server.url, t.server.siteKey);
    const jwt = await signed({ email: `ADA-${dialect}@example.com`, name: 'Ada L.' });
    expect((await identify(verified.token, { jwt })).status).toBe(200);
    expect((await contactOf(verified.visitorId))?.id).toBe(made.body.contact.id);
  });

  it('links and unlinks by hand, within the contact’s site only', async () => {
    const made = await create(ana.login, { siteId: site.id, name: 'Linus' });
    const id = made.body.contact.id;
    const here = await newVisitor(t.server.url, t.server.siteKey);
    const link = await call(ana.login, 'POST', `/contacts/${id}/visitors`, {
      visitorId: here.visitorId,
    });
    expect(link.status).toBe(200);
    expect((await contactOf(here.visitorId))?.id).toBe(id);
    const unlink = await call(ana.login, 'DELETE', `/contacts/${id}/visitors/${here.visitorId}`);
    expect(unlink.status).toBe(204);
    expect(await contactOf(here.visitorId)).toBeNull();

    const otherSite = await addSite(t, `Far shop ${dialect}`);
    const far = await newVisitor(t.server.url, (otherSite as SiteSummary & { key: string }).key);
    const cross = await call(t.admin, 'POST', `/contacts/${id}/visitors`, {
      visitorId: far.visitorId,
    });
    expect(cross.status).toBe(400);
    expect(cross.body.error?.details).toEqual({ visitorId: 'of another site' });
  });

  it('shows agents of other sites nothing, and an agent only the chats they may open', async () => {
    const open = await chatOn(t, t.server.siteKey, support);
    const hidden = await chatOn(t, t.server.siteKey, sales);
    const made = await create(t.admin, { visitorId: open.visitorId, name: 'Two chats' });
    const id = made.body.contact.id;
    await call(t.admin, 'POST', `/contacts/${id}/visitors`, { visitorId: hidden.visitorId });

    for (const res of [
      await call(oz.login, 'GET', `/contacts/${id}`),
      await call(oz.login, 'PATCH', `/contacts/${id}`, { name: 'Mine now' }),
      await create(oz.login, { visitorId: open.visitorId, name: 'Sneaky' }),
      await call(oz.login, 'GET', `/visitors/${open.visitorId}/contact`),
    ])
      expect(res.body.error?.code).toBe('NOT_FOUND');
    expect((await call<ContactListResponse>(oz.login, 'GET', '/contacts')).body.contacts).toEqual(
      [],
    );
    expect((await create(oz.login, { siteId: site.id, name: 'Sneaky' })).body.error?.code).toBe(
      'FORBIDDEN',
    );

    const asAna = await call<ContactPageResponse>(ana.login, 'GET', `/contacts/${id}`);
    expect(asAna.body.conversations.map((c) => c.id)).toEqual([open.conversation.id]);
    const asSue = await call<ContactPageResponse>(sue.login, 'GET', `/contacts/${id}`);
    expect(asSue.body.conversations.map((c) => c.id).sort()).toEqual(
      [open.conversation.id, hidden.conversation.id].sort(),
    );
  });

  it('merges duplicates (supervisors and admins): visitors, emails and phones move', async () => {
    const a = await newVisitor(t.server.url, t.server.siteKey);
    const b = await newVisitor(t.server.url, t.server.siteKey);
    const keep = (
      await create(ana.login, { visitorId: a.visitorId, name: 'Kim', emails: ['kim@a.example'] })
    ).body.contact;
    const dupe = (
      await create(ana.login, {
        visitorId: b.visitorId,
        name: 'Kim D.',
        emails: ['kim@b.example', 'kim@a.example'],
        phones: ['+49 30 1234567'],
        company: 'Kim GmbH',
        notes: 'Second record.',
      })
    ).body.contact;
    const byAgent = await call(ana.login, 'POST', `/contacts/${keep.id}/merge`, {
      otherId: dupe.id,
    });
    expect(byAgent.status).toBe(403);
    const self = await call(sue.login, 'POST', `/contacts/${keep.id}/merge`, { otherId: keep.id });
    expect(self.body.error?.details).toEqual({ otherId: 'the same contact' });

    const merged = await call<ContactResponse>(sue.login, 'POST', `/contacts/${keep.id}/merge`, {
      otherId: dupe.id,
    });
    expect(merged.status).toBe(200);
    expect(merged.body.contact).toMatchObject({
      name: 'Kim',
      emails: ['kim@a.example', 'kim@b.example'],
      phones: ['+49 30 1234567'],
      company: 'Kim GmbH',
      notes: 'Second record.',
    });
    expect((await contactOf(b.visitorId))?.id).toBe(keep.id);
    expect((await call(sue.login, 'GET', `/contacts/${dupe.id}`)).status).toBe(404);
  });

  it('refuses a merge that would break the limits, changing nothing', async () => {
    const emails = (p: string) => Array.from({ length: 6 }, (_, i) => `${p}${i}@example.com`);
    const keep = (await create(t.admin, { siteId: site.id, name: 'Full', emails: emails('x') }))
      .body.contact;
    const dupe = (await create(t.admin, { siteId: site.id, name: 'Fuller', emails: emails('y') }))
      .body.contact;
    const res = await call(t.admin, 'POST', `/contacts/${keep.id}/merge`, { otherId: dupe.id });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error?.details ?? {})).toEqual(['emails']);
    expect((await call(t.admin, 'GET', `/contacts/${dupe.id}`)).status).toBe(200);
  });
});
