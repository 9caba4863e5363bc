import type { Message, SendResult, VisitorConversation } from '@parley/protocol';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  agentFetch,
  collect,
  connectAgent,
  connectVisitor,
  connected,
  newVisitor,
  nextEvent,
  ok,
  request,
  signIn,
  until,
  visitorFetch,
  type AgentLogin,
} from '../test/server.js';
import { useTestServer } from '../test/fixture.js';
import { dialects } from '../test/storage.js';

/** The status of a response whose body is read, so no download is left half-consumed. */
async function statusOf(res: Promise<Response>): Promise<number> {
  const r = await res;
  await r.arrayBuffer();
  return r.status;
}

const cid = (n: string) => `client-${n}-${Math.random().toString(36).slice(2, 10)}`;
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

describe.each(dialects)('rich messages (%s)', (dialect) => {
  const t = useTestServer(dialect);

  /** A visitor in a chat accepted by the admin, both connected. */
  async function chat() {
    const { token } = await newVisitor(t.server.url, t.server.siteKey);
    const visitor = t.track(connectVisitor(t.server.url, token));
    await connected(visitor);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      visitor,
      'conversation:start',
    );
    const agent = t.track(connectAgent(t.server.url, t.admin));
    await connected(agent);
    await ok(agent, 'conversation:accept', { conversationId: conversation.id });
    return { token, visitor, agent, id: conversation.id };
  }

  /** A multipart upload as a browser sends it (no JSON content type). */
  function upload(
    kind: 'visitor' | 'agent',
    auth: string | AgentLogin,
    conversationId: string,
    name: string,
    bytes: Buffer,
    type = 'application/octet-stream',
  ) {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), name);
    const route =
      kind === 'visitor'
        ? `/widget/conversations/${conversationId}/files`
        : `/conversations/${conversationId}/files`;
    const headers: Record<string, string> =
      kind === 'visitor'
        ? { authorization: `Bearer ${auth as string}` }
        : { cookie: (auth as AgentLogin).cookie, 'x-csrf-token': (auth as AgentLogin).csrfToken };
    return fetch(`${t.server.url}/api/v1${route}`, { method: 'POST', body: form, headers });
  }

  it('sniffs the type from the bytes and never serves HTML or SVG inline', async () => {
    const { token, id } = await chat();
    const spoofed = await upload(
      'visitor',
      token,
      id,
      'photo.png',
      Buffer.from('<html><script>alert(1)</script></html>'),
      'image/png',
    );
    expect(spoofed.status).toBe(201);
    const { file } = (await spoofed.json()) as {
      file: { id: string; contentType: string; isImage: boolean };
    };
    expect(file).toMatchObject({ contentType: 'text/plain; charset=utf-8', isImage: false });
    const svg = await upload(
      'visitor',
      token,
      id,
      'logo.svg',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      'image/svg+xml',
    );
    const svgFile = ((await svg.json()) as { file: { id: string; contentType: string } }).file;
    expect(svgFile.contentType).toBe('text/plain; charset=utf-8');

    const got = await visitorFetch(t.server.url, token, `/widget/files/${svgFile.id}?inline=1`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename="logo.svg"/);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toContain('sandbox');

    const image = await upload('visitor', token, id, 'pixel.txt', PNG, 'text/plain');
    const img = (
      (await image.json()) as { file: { id: string; contentType: string; isImage: boolean } }
    ).file;
    expect(img).toMatchObject({ contentType: 'image/png', isImage: true });
    const inline = await visitorFetch(t.server.url, token, `/widget/files/${img.id}?inline=1`);
    expect(inline.headers.get('content-disposition')).toMatch(/^inline/);
    expect(Buffer.from(await inline.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('cleans hostile names, refuses binaries it does not allow, and empty files', async () => {
    const { token, id } = await chat();
    const res = await upload(
      'visitor',
      token,
      id,
      '../../etc/pass\u0000wd\r\n.txt',
      Buffer.from('hello'),
    );
    const { file } = (await res.json()) as { file: { name: string } };
    expect(/[/\\\r\n]/.test(file.name) || file.name.includes('\u0000')).toBe(false);
    expect(file.name).toContain('.txt');
    const zip = await upload(
      'visitor',
      token,
      id,
      'a.zip',
      Buffer.from('504b0304140000000800', 'hex'),
    );
    expect(zip.status).toBe(415);
    expect(await zip.json()).toMatchObject({ error: { code: 'UNSUPPORTED_FILE_TYPE' } });
    const empty = await upload('visitor', token, id, 'empty.txt', Buffer.alloc(0));
    expect(await empty.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('refuses an oversized file while streaming and keeps nothing of it', async () => {
    const { token, id } = await chat();
    await agentFetch(t.server.url, t.admin, '/settings', {
      method: 'PATCH',
      body: JSON.stringify({ maxFileMb: 1 }),
    });
    const dir = path.join(t.server.app.deps.config.dataDir, 'files');
    const before = fs.readdirSync(dir).length;
    const big = Buffer.alloc(3 * 1024 * 1024, 'a');
    const res = await upload('visitor', token, id, 'big.txt', big);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(fs.readdirSync(dir).length).toBe(before);
    await agentFetch(t.server.url, t.admin, '/settings', {
      method: 'PATCH',
      body: JSON.stringify({ maxFileMb: 20 }),
    });
  });

  it('sends files with a message, keeps other visitors and private notes out', async () => {
    const a = await chat();
    const b = await chat();
    const up = await upload(
      'visitor',
      a.token,
      a.id,
      'order.pdf',
      Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'),
    );
    const { file } = (await up.json()) as { file: { id: string } };
    // Before it is sent, only its uploader may fetch it.
    expect(await statusOf(agentFetch(t.server.url, t.admin, `/files/${file.id}`))).toBe(404);
    const arrived = nextEvent<Message>(
      a.agent,
      'message:new',
      (m) => (m.attachments?.length ?? 0) > 0,
    );
    await ok<SendResult>(a.visitor, 'message:send', {
      conversationId: a.id,
      clientId: cid('f'),
      body: '',
      attachmentIds: [file.id],
    });
    expect((await arrived).attachments).toEqual([
      expect.objectContaining({ id: file.id, name: 'order.pdf', contentType: 'application/pdf' }),
    ]);
    expect(await statusOf(agentFetch(t.server.url, t.admin, `/files/${file.id}`))).toBe(200);
    // Another visitor, or a second send of the same file, gets nothing.
    expect(await statusOf(visitorFetch(t.server.url, b.token, `/widget/files/${file.id}`))).toBe(
      404,
    );
    const reuse = await request(a.visitor, 'message:send', {
      conversationId: a.id,
      clientId: cid('g'),
      body: 'again',
      attachmentIds: [file.id],
    });
    expect(reuse).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const tooMany = await request(a.visitor, 'message:send', {
      conversationId: a.id,
      clientId: cid('h'),
      body: 'x',
      attachmentIds: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'],
    });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    const note = await upload('agent', t.admin, a.id, 'internal.txt', Buffer.from('margin is 40%'));
    const noteFile = ((await note.json()) as { file: { id: string } }).file;
    await ok(a.agent, 'message:send', {
      conversationId: a.id,
      clientId: cid('p'),
      body: 'for the team',
      visibility: 'private',
      attachmentIds: [noteFile.id],
    });
    expect(
      await statusOf(visitorFetch(t.server.url, a.token, `/widget/files/${noteFile.id}`)),
    ).toBe(404);
    expect(await statusOf(agentFetch(t.server.url, t.admin, `/files/${noteFile.id}`))).toBe(200);
  });

  it('converts emoticons on send, honouring /nosmile and /smile', async () => {
    const { visitor, id } = await chat();
    const seen = collect<Message>(visitor, 'message:new');
    await ok(visitor, 'message:send', {
      conversationId: id,
      clientId: cid('e'),
      body: 'thanks :) /nosmile keep :) /smile ok ;)',
    });
    await until(visitor, 'message:new', () => seen.some((m) => m.body.startsWith('thanks')));
    expect(seen.find((m) => m.body.startsWith('thanks'))!.body).toBe('thanks 🙂 keep :) ok 😉');
  });

  it('lets the agent offer choices and the visitor answer once', async () => {
    const { visitor, agent, id } = await chat();
    const offered = nextEvent<Message>(visitor, 'message:new', (m) => m.kind === 'options');
    await ok(agent, 'message:send', {
      conversationId: id,
      clientId: cid('o'),
      body: 'Which size?',
      choices: ['S', 'M', 'L'],
    });
    const question = await offered;
    expect(question).toMatchObject({ body: 'Which size?', choices: ['S', 'M', 'L'] });
    const bad = await request(agent, 'message:send', {
      conversationId: id,
      clientId: cid('o2'),
      body: 'Pick',
      choices: ['only one'],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    const answered = nextEvent<Message>(agent, 'message:new', (m) => m.kind === 'answer');
    const first = await ok<SendResult>(visitor, 'options:answer', {
      conversationId: id,
      messageId: question.id,
      choice: 1,
    });
    expect(await answered).toMatchObject({
      body: 'M',
      answer: { messageId: question.id, choice: 1 },
    });
    const again = await ok<SendResult>(visitor, 'options:answer', {
      conversationId: id,
      messageId: question.id,
      choice: 2,
    });
    expect(again).toMatchObject({ id: first.id, duplicate: true });
    const outOfRange = await request(visitor, 'options:answer', {
      conversationId: id,
      messageId: question.id,
      choice: 5,
    });
    expect(outOfRange).toMatchObject({ ok: false });
  });

  it('sends read receipts both ways and a sneak peek to agents only while allowed', async () => {
    const { visitor, agent, id } = await chat();
    const sent = await ok<SendResult>(agent, 'message:send', {
      conversationId: id,
      clientId: cid('r'),
      body: 'Did you get this?',
    });
    const visitorSaw = nextEvent<{ reader: { type: string }; seq: number }>(
      agent,
      'seen',
      (s) => s.reader.type === 'visitor',
    );
    visitor.emit('message:seen', { conversationId: id, seq: sent.seq });
    expect(await visitorSaw).toMatchObject({ seq: sent.seq });
    const mine = await ok<SendResult>(visitor, 'message:send', {
      conversationId: id,
      clientId: cid('v'),
      body: 'Yes',
    });
    const agentSaw = nextEvent<{ reader: { type: string }; seq: number }>(
      visitor,
      'seen',
      (s) => s.reader.type === 'agent',
    );
    agent.emit('message:seen', { conversationId: id, seq: mine.seq });
    expect(await agentSaw).toMatchObject({ seq: mine.seq });
    // A reload starts from the stored marks, not only from live events.
    const current = await ok<{ conversation: VisitorConversation }>(
      visitor,
      'conversation:current',
    );
    expect(current.conversation.agentSeenSeq).toBe(mine.seq);
    const watched = await ok<{ conversation: { visitorSeenSeq?: number } }>(
      agent,
      'conversation:watch',
      { conversationId: id },
    );
    expect(watched.conversation.visitorSeenSeq).toBe(sent.seq);

    const peek = nextEvent<{ preview?: string }>(agent, 'typing', (t) => t.preview !== undefined);
    visitor.emit('typing', { conversationId: id, typing: true, preview: 'I would like to ret' });
    expect(await peek).toMatchObject({ preview: 'I would like to ret' });
    await agentFetch(t.server.url, t.admin, '/settings', {
      method: 'PATCH',
      body: JSON.stringify({ sneakPeek: false }),
    });
    const plain = nextEvent<{ preview?: string; typing: boolean }>(
      agent,
      'typing',
      (t) => t.typing,
    );
    visitor.emit('typing', { conversationId: id, typing: true, preview: 'secret draft' });
    expect((await plain).preview).toBeUndefined();
    await agentFetch(t.server.url, t.admin, '/settings', {
      method: 'PATCH',
      body: JSON.stringify({ sneakPeek: true }),
    });
  });

  it('removes a chat’s files once it closes when retention is 0 days', async () => {
    const { token, visitor, agent, id } = await chat();
    const up = await upload('visitor', token, id, 'note.txt', Buffer.from('keep me?'));
    const { file } = (await up.json()) as { file: { id: string } };
    await ok(visitor, 'message:send', {
      conversationId: id,
      clientId: cid('k'),
      body: '',
      attachmentIds: [file.id],
    });
    expect(await statusOf(agentFetch(t.server.url, t.admin, `/files/${file.id}`))).toBe(200);
    const dir = path.join(t.server.app.deps.config.dataDir, 'files');
    const stored = await t.storage.db
      .selectFrom('attachments')
      .select('storage_key')
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(fs.existsSync(path.join(dir, stored.storage_key))).toBe(true);
    await ok(agent, 'conversation:close', { conversationId: id });
    await t.server.app.router.tick();
    expect(await statusOf(agentFetch(t.server.url, t.admin, `/files/${file.id}`))).toBe(404);
    expect(fs.existsSync(path.join(dir, stored.storage_key))).toBe(false);
  });

  it('keeps canned responses personal unless a supervisor shares them', async () => {
    const email = `cara-${Math.random().toString(36).slice(2, 8)}@example.com`;
    await agentFetch(t.server.url, t.admin, '/agents', {
      method: 'POST',
      body: JSON.stringify({ email, name: 'Cara', password: 'agent-password-1' }),
    });
    const cara = await signIn(t.server.url, email, 'agent-password-1');
    const mine = await agentFetch(t.server.url, cara, '/canned-responses', {
      method: 'POST',
      body: JSON.stringify({ title: 'Hello', shortcut: 'hi', body: 'Hi {visitor}, I am {agent}.' }),
    });
    expect(mine.status).toBe(201);
    const shared = await agentFetch(t.server.url, cara, '/canned-responses', {
      method: 'POST',
      body: JSON.stringify({ scope: 'organisation', title: 'Returns', body: '30 days' }),
    });
    expect(shared.status).toBe(403);
    await agentFetch(t.server.url, t.admin, '/canned-responses', {
      method: 'POST',
      body: JSON.stringify({
        scope: 'organisation',
        title: 'Returns',
        shortcut: 'ret',
        body: 'You can return items within 30 days.',
      }),
    });
    const list = (await (await agentFetch(t.server.url, cara, '/canned-responses')).json()) as {
      responses: Array<{ title: string; scope: string }>;
    };
    expect(list.responses.map((r) => `${r.scope}:${r.title}`).sort()).toEqual([
      'organisation:Returns',
      'personal:Hello',
    ]);
    const adminList = (await (
      await agentFetch(t.server.url, t.admin, '/canned-responses')
    ).json()) as {
      responses: Array<{ title: string }>;
    };
    expect(adminList.responses.map((r) => r.title)).not.toContain('Hello');
  });
});
