import type {
  ArchiveResponse,
  Conversation,
  RoutingLogEntry,
  SearchResponse,
  SiteSummary,
  Tag,
} from '@parley/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  addSite,
  agentSocket,
  chatOn,
  demoSite,
  mentions,
  spy,
  type Member,
} from '../../test/access.js';
import { useTestServer } from '../../test/fixture.js';
import { agentCall, nextEvent, ok, visitorFetch } from '../../test/server.js';
import { dialects } from '../../test/storage.js';

type Call<T> = { status: number; body: T & { error?: { code: string; details?: object } } };

describe.each(dialects)('chat titles and tags (%s)', (dialect) => {
  const t = useTestServer(dialect);
  let site: SiteSummary;
  let other: SiteSummary;
  let ana: Member;
  let ben: Member;
  let refund: Tag;

  const call = <T>(who: Member | 'admin', method: string, route: string, body?: unknown) =>
    agentCall<T>(
      t.server.url,
      who === 'admin' ? t.admin : who.login,
      method,
      route,
      body,
    ) as Promise<Call<T>>;
  const newTag = async (name: string, color = 'teal') => {
    const r = await call<{ tag: Tag }>('admin', 'POST', '/tags', { name, color });
    expect(r.status).toBe(201);
    return r.body.tag;
  };
  /** A chat on `site` that Ana took. */
  const anasChat = async () => {
    const chat = await chatOn(t, site.key);
    const socket = await agentSocket(t, ana.login);
    await ok(socket, 'conversation:accept', { conversationId: chat.conversation.id });
    return { ...chat, id: chat.conversation.id, socket };
  };

  beforeAll(async () => {
    site = await demoSite(t);
    other = await addSite(t, 'Other shop');
    ana = await addMember(t, 'Anna', 'agent', [site.id]);
    ben = await addMember(t, 'Ben', 'agent', [other.id]);
    refund = await newTag('  Refund ', 'red');
  });

  it('lets admins create tags with a palette colour and a name unique whatever its case', async () => {
    expect(refund).toMatchObject({ name: 'Refund', color: 'red' });
    const again = await call('admin', 'POST', '/tags', { name: 'REFUND', color: 'blue' });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('TAG_NAME_TAKEN');
    const blank = await call('admin', 'POST', '/tags', { name: '   ', color: 'blue' });
    expect(blank.status).toBe(400);
    expect(blank.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { name: expect.any(String) },
    });
    const long = await call('admin', 'POST', '/tags', { name: 'x'.repeat(41), color: 'blue' });
    expect(long.body.error?.code).toBe('VALIDATION_FAILED');
    const colour = await call('admin', 'POST', '/tags', { name: 'Red one', color: '#ff0000' });
    expect(colour.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { color: expect.any(String) },
    });
  });

  it('lets every agent read the tags, only admins change them, and no visitor reach them', async () => {
    const list = await call<{ tags: Tag[] }>(ana, 'GET', '/tags');
    expect(list.status).toBe(200);
    expect(list.body.tags.map((x) => x.name)).toContain('Refund');
    expect((await call(ana, 'POST', '/tags', { name: 'Mine', color: 'blue' })).status).toBe(403);
    expect((await call(ana, 'PATCH', `/tags/${refund.id}`, { color: 'blue' })).status).toBe(403);
    expect((await call(ana, 'DELETE', `/tags/${refund.id}`)).status).toBe(403);
    const { token, conversation } = await chatOn(t, site.key);
    for (const [method, path, body] of [
      ['GET', '/tags', undefined],
      ['PATCH', `/conversations/${conversation.id}`, { title: 'Mine now' }],
      ['POST', `/conversations/${conversation.id}/tags`, { tagId: refund.id }],
    ] as const) {
      const res = await visitorFetch(t.server.url, token, path, {
        method,
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      expect(res.status).toBe(401);
    }
  });

  it('renames and tags a chat, logs who did it, and tells agents but never the visitor', async () => {
    const chat = await anasChat();
    const visitorSaw = spy(chat.visitor);
    const renamed = nextEvent<Conversation>(
      chat.socket,
      'conversation:updated',
      (c) => c.id === chat.id && c.title !== null,
    );
    const r = await call<{ conversation: Conversation }>(
      ana,
      'PATCH',
      `/conversations/${chat.id}`,
      {
        title: '  Late   parcel ',
      },
    );
    expect(r.status).toBe(200);
    expect(r.body.conversation.title).toBe('Late parcel');
    expect((await renamed).title).toBe('Late parcel');

    const tagged = nextEvent<Conversation>(
      chat.socket,
      'conversation:updated',
      (c) => c.id === chat.id && c.tags.length > 0,
    );
    const added = await call<{ conversation: Conversation }>(
      ana,
      'POST',
      `/conversations/${chat.id}/tags`,
      { tagId: refund.id },
    );
    expect(added.body.conversation.tags).toEqual([{ id: refund.id, name: 'Refund', color: 'red' }]);
    expect((await tagged).tags.map((x) => x.name)).toEqual(['Refund']);
    // Adding it again changes nothing and logs nothing.
    await call(ana, 'POST', `/conversations/${chat.id}/tags`, { tagId: refund.id });
    const removed = await call<{ conversation: Conversation }>(
      ana,
      'DELETE',
      `/conversations/${chat.id}/tags/${refund.id}`,
    );
    expect(removed.body.conversation.tags).toEqual([]);

    const { entries } = await ok<{ entries: RoutingLogEntry[] }>(chat.socket, 'conversation:log', {
      conversationId: chat.id,
    });
    expect(
      entries
        .filter((e) => ['renamed', 'tagged', 'untagged'].includes(e.kind))
        .map((e) => [e.kind, e.actor?.name, e.detail]),
    ).toEqual([
      ['renamed', 'Anna', 'Late parcel'],
      ['tagged', 'Anna', 'Refund'],
      ['untagged', 'Anna', 'Refund'],
    ]);
    // A marker message reaches the visitor after every change: nothing of them came before it.
    await ok(chat.socket, 'message:send', {
      conversationId: chat.id,
      clientId: `marker-${Date.now()}`,
      body: 'marker',
    });
    await nextEvent(chat.visitor, 'message:new');
    expect(mentions(visitorSaw, 'Late parcel')).toBe(false);
    expect(mentions(visitorSaw, 'Refund')).toBe(false);
    // The reply updated the visitor's chat; no update of theirs carries a title or tags.
    for (const e of visitorSaw.filter((e) => e.event === 'conversation:updated'))
      expect(Object.keys(e.payload as object)).not.toEqual(expect.arrayContaining(['title']));
    expect(mentions(visitorSaw, '"tags"')).toBe(false);
    const widget = await visitorFetch(t.server.url, chat.token, `/widget/conversations/${chat.id}`);
    expect(JSON.stringify(await widget.json())).not.toMatch(/Late parcel|"tags"|"title"/);
  });

  it('refuses a too long title, and clears it with a blank one', async () => {
    const chat = await anasChat();
    const long = await call(ana, 'PATCH', `/conversations/${chat.id}`, { title: 'x'.repeat(121) });
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { title: expect.any(String) },
    });
    await call(ana, 'PATCH', `/conversations/${chat.id}`, { title: 'Something' });
    const cleared = await call<{ conversation: Conversation }>(
      ana,
      'PATCH',
      `/conversations/${chat.id}`,
      { title: '  ' },
    );
    expect(cleared.body.conversation.title).toBeNull();
    const unknown = await call(ana, 'POST', `/conversations/${chat.id}/tags`, {
      tagId: 'no-such-tag',
    });
    expect(unknown.status).toBe(404);
  });

  it('answers 404 to an agent who may not open the chat, and sends them nothing of it', async () => {
    const chat = await anasChat();
    const benSocket = await agentSocket(t, ben.login);
    const benSaw = spy(benSocket);
    expect(
      (await call(ben, 'PATCH', `/conversations/${chat.id}`, { title: 'Not mine' })).status,
    ).toBe(404);
    expect(
      (await call(ben, 'POST', `/conversations/${chat.id}/tags`, { tagId: refund.id })).status,
    ).toBe(404);
    const seenByAna = nextEvent<Conversation>(
      chat.socket,
      'conversation:updated',
      (c) => c.id === chat.id && c.title === 'Private matter',
    );
    await call(ana, 'PATCH', `/conversations/${chat.id}`, { title: 'Private matter' });
    await seenByAna;
    // An admin change afterwards reaches Ben too: what came before it would have arrived first.
    const marker = nextEvent(benSocket, 'tags:updated');
    const vip = await newTag(`Marker ${dialect}`);
    await marker;
    expect(mentions(benSaw, chat.id)).toBe(false);
    await call('admin', 'DELETE', `/tags/${vip.id}`);
  });

  it('keeps tagging closed chats, and finds them in the Archive by tag and in search by title or tag', async () => {
    const chat = await anasChat();
    const vip = await newTag(`Crème brûlée ${dialect}`, 'grape');
    await call(ana, 'POST', `/conversations/${chat.id}/close`);
    const titled = await call<{ conversation: Conversation }>(
      ana,
      'PATCH',
      `/conversations/${chat.id}`,
      { title: 'Damaged espresso machine' },
    );
    expect(titled.status).toBe(200);
    expect(
      (await call(ana, 'POST', `/conversations/${chat.id}/tags`, { tagId: vip.id })).status,
    ).toBe(200);

    const archive = await call<ArchiveResponse>(ana, 'GET', `/archive?tagId=${vip.id}`);
    expect(archive.body.chats.map((c) => [c.id, c.title, c.tags.map((x) => x.name)])).toEqual([
      [chat.id, 'Damaged espresso machine', [vip.name]],
    ]);
    const both = await call<ArchiveResponse>(
      ana,
      'GET',
      `/archive?tagId=${vip.id}&tagId=${refund.id}`,
    );
    expect(both.body.chats).toEqual([]);
    const bad = await call(ana, 'GET', `/archive?tagId=${encodeURIComponent("x' OR 1=1")}`);
    expect(bad.status).toBe(400);

    const search = (q: string, extra = '') =>
      call<SearchResponse>(ana, 'GET', `/search?q=${encodeURIComponent(q)}${extra}`);
    // One typo, another case, a word being typed: the title is found like a message.
    for (const q of ['damaged espresso', 'DAMGAED', 'espre'])
      expect((await search(q, '&typing=true')).body.chats.items.map((c) => c.id)).toContain(
        chat.id,
      );
    // Tag names, accents folded, match too; and a word in neither finds nothing.
    const byTag = await search('creme brulee');
    expect(byTag.body.chats.items.find((c) => c.id === chat.id)).toMatchObject({
      title: 'Damaged espresso machine',
      tags: [{ name: vip.name }],
    });
    expect((await search('damaged unicorn')).body.chats.items.map((c) => c.id)).not.toContain(
      chat.id,
    );
    // The tag filter narrows search like every other filter; Ben, of another site, finds nothing.
    expect((await search('damaged', `&tagId=${refund.id}`)).body.chats.items).toEqual([]);
    expect((await call<SearchResponse>(ben, 'GET', '/search?q=damaged')).body.chats.items).toEqual(
      [],
    );
    // Renaming the tag shows on the chat; deleting it takes it off.
    const update = nextEvent<{ tags: Tag[]; deletedId?: string }>(
      chat.socket,
      'tags:updated',
      (e) => e.deletedId === vip.id,
    );
    await call('admin', 'PATCH', `/tags/${vip.id}`, { name: 'VIP', color: 'yellow' });
    expect(
      (await call<ArchiveResponse>(ana, 'GET', `/archive?tagId=${vip.id}`)).body.chats[0]?.tags,
    ).toEqual([{ id: vip.id, name: 'VIP', color: 'yellow' }]);
    expect((await call('admin', 'DELETE', `/tags/${vip.id}`)).status).toBe(204);
    expect((await update).tags.map((x) => x.id)).not.toContain(vip.id);
    const after = await call<{ conversation: Conversation }>(
      ana,
      'GET',
      `/conversations/${chat.id}`,
    );
    expect(after.body.conversation.tags).toEqual([]);
  });

  it('refuses a second tag of the same name on rename, and the 21st tag of a chat', async () => {
    const a = await newTag(`Alpha ${dialect}`);
    const b = await newTag(`Beta ${dialect}`);
    const clash = await call('admin', 'PATCH', `/tags/${b.id}`, { name: a.name.toUpperCase() });
    expect(clash.body.error?.code).toBe('TAG_NAME_TAKEN');
    const chat = await anasChat();
    const many: Tag[] = [];
    for (let i = 0; i < 21; i++) many.push(await newTag(`Bulk ${dialect} ${i}`, 'gray'));
    for (const tag of many.slice(0, 20))
      expect(
        (await call(ana, 'POST', `/conversations/${chat.id}/tags`, { tagId: tag.id })).status,
      ).toBe(200);
    const over = await call(ana, 'POST', `/conversations/${chat.id}/tags`, { tagId: many[20]!.id });
    expect(over.status).toBe(409);
    expect(over.body.error?.code).toBe('TOO_MANY_TAGS');
    for (const tag of [a, b, ...many]) await call('admin', 'DELETE', `/tags/${tag.id}`);
  });
});
