import type { Attachment, Message, WidgetConfig } from '@parley/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatStore } from './chatStore';
import type { UploadApi, UploadRequest } from './files';
import { keys, memoryStorage } from './storage';
import { config, conv, FakeServer, me, msg, settle, setup, SITE } from './testing';
import { RequestError } from './transport';

afterEach(() => vi.useRealTimers());

describe('ChatStore', () => {
  it('connects only once loader.js has handed over the token', async () => {
    const server = new FakeServer();
    const store = new ChatStore({
      siteKey: SITE,
      storage: memoryStorage(),
      connect: server.factory,
    });
    expect(server.tokens).toEqual([]);
    store.init('tok-from-loader', null);
    // The same token again (the loader re-sends it after a frame reload) changes nothing.
    store.init('tok-from-loader', null);
    expect(server.tokens).toEqual(['tok-from-loader']);
  });

  it('loads config and the current conversation on first connect', async () => {
    const { store, server } = await setup();
    server.handlers['conversation:current'] = () => ({
      conversation: conv('c1', 'active'),
      messages: [msg('c1', 2), msg('c1', 1)],
    });
    server.connect();
    await settle();
    const s = store.getState();
    expect(s.loaded).toBe(true);
    expect(s.config?.siteName).toBe('Maple & Moss');
    expect(s.messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(server.names().sort()).toEqual(['conversation:current', 'visitor:me', 'widget:config']);
    expect(s.visitor).toEqual(me);
  });

  it('starts a conversation before the first send and resolves the pending bubble by ack', async () => {
    const { store, server } = await setup();
    server.handlers['conversation:start'] = () => ({ conversation: conv('c1') });
    server.handlers['message:send'] = () => ({
      id: 'm1',
      seq: 1,
      createdAt: '2025-01-01T10:00:01.000Z',
      duplicate: false,
    });
    server.connect();
    await settle();
    expect(store.send('  hello\r\nthere  ')).toBe(true);
    expect(store.getState().pending).toHaveLength(1);
    await settle();
    const s = store.getState();
    expect(server.names()).toContain('conversation:start');
    expect(s.pending).toHaveLength(0);
    expect(s.messages).toHaveLength(1);
    expect(s.messages[0]?.body).toBe('hello\nthere');
    const sent = server.calls.find((c) => c.name === 'message:send')?.payload as {
      clientId: string;
      conversationId: string;
    };
    expect(sent.conversationId).toBe('c1');
    expect(sent.clientId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  });

  it('shows each message once when the ack and the live event both arrive', async () => {
    const { store, server } = await setup();
    server.handlers['conversation:current'] = () => ({
      conversation: conv('c1', 'active'),
      messages: [],
    });
    let clientId = '';
    server.handlers['message:send'] = (p: { clientId: string }) => {
      clientId = p.clientId;
      // The server's broadcast reaches this tab before the ack does.
      server.events.message({ ...msg('c1', 1, 'visitor', clientId), id: 'm1', body: 'hi' });
      return { id: 'm1', seq: 1, createdAt: '2025-01-01T10:00:01.000Z', duplicate: false };
    };
    server.connect();
    await settle();
    store.send('hi');
    await settle();
    server.events.message({ ...msg('c1', 1, 'visitor', clientId), id: 'm1', body: 'hi' });
    expect(store.getState().messages).toHaveLength(1);
    expect(store.getState().pending).toHaveLength(0);
  });

  it('retries an unanswered send with the same clientId after reconnecting, then syncs', async () => {
    const { store, server } = await setup();
    server.handlers['conversation:current'] = () => ({
      conversation: conv('c1', 'active', 1),
      messages: [msg('c1', 1)],
    });
    const clientIds: string[] = [];
    const syncs: unknown[] = [];
    server.handlers['message:send'] = (p: { clientId: string }) => {
      clientIds.push(p.clientId);
      if (clientIds.length === 1) {
        server.disconnect();
        throw new RequestError('DISCONNECTED');
      }
      return { id: 'm3', seq: 3, createdAt: '2025-01-01T10:00:03.000Z', duplicate: true };
    };
    server.handlers.sync = (p: { conversations: Array<{ id: string; afterSeq: number }> }) => {
      syncs.push(p.conversations);
      return {
        conversations: [{ conversation: conv('c1', 'active', 3), messages: [msg('c1', 2)] }],
      };
    };
    server.connect();
    await settle();
    store.send('are you there?');
    await settle();
    expect(store.getState().pending[0]?.state).toBe('sending');
    expect(store.getState().connection).toBe('reconnecting');
    server.connect();
    await settle();
    await settle();
    expect(syncs).toEqual([[{ id: 'c1', afterSeq: 1 }]]);
    expect(clientIds).toHaveLength(2);
    expect(clientIds[1]).toBe(clientIds[0]);
    expect(store.getState().messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(store.getState().pending).toHaveLength(0);
  });

  it('still sends queued messages when the sync after a reconnect fails', async () => {
    const { store, server } = await setup();
    server.handlers['conversation:current'] = () => ({
      conversation: conv('c1', 'active'),
      messages: [],
    });
    server.handlers['message:send'] = () => ({
      id: 'm1',
      seq: 1,
      createdAt: '2025-01-01T10:00:01.000Z',
      duplicate: false,
    });
    server.connect();
    await settle();
    server.disconnect();
    store.send('queued while down');
    server.handlers.sync = () => {
      throw new RequestError('INTERNAL');
    };
    server.connect();
    await settle();
    expect(store.getState().pending).toHaveLength(0);
    expect(store.getState().messages).toHaveLength(1);
    store.dispose();
  });

  it('marks a send refused by the server as failed, and Retry sends it again', async () => {
    const { store, server } = await setup();
    server.handlers['conversation:current'] = () => ({
      conversation: conv('c1', 'active'),
      messages: [],
    });
    let fail = true;
    server.handlers['message:send'] = () => {
      if (fail) throw new RequestError('RATE_LIMITED');
      return { id: 'm1', seq: 1, createdAt: '2025-01-01T10:00:01.000Z', duplicate: false };
    };
    server.connect();
    await settle();
    store.send('hello');
    await settle();
    const failed = store.getState().pending[0];
    expect(failed?.state).toBe('failed');
    expect(failed?.errorCode).toBe('RATE_LIMITED');
    fail = false;
    store.retry(failed!.clientId);
    await settle();
    expect(store.getState().pending).toHaveLength(0);
    expect(store.getState().messages).toHaveLength(1);
  });

  it('waits for loader.js when its token is refused, then starts over as the new visitor', async () => {
    const { store, server } = await setup();
    server.handlers['conversation:current'] = () => ({
      conversation: conv('old', 'active'),
      messages: [msg('old', 1)],
      invitation: null,
    });
    server.connect();
    await settle();
    server.disconnect();
    server.events.refused('UNAUTHENTICATED');
    expect(store.getState().connection).toBe('connecting');
    // The loader made a new session (its live stream was refused too) and sends it.
    server.handlers['conversation:current'] = () => ({
      conversation: null,
      messages: [],
      invitation: null,
    });
    store.init('tok-new', null);
    expect(server.tokens).toEqual(['tok-1', 'tok-new']);
    expect(store.getState().conversation).toBeNull();
    server.connect();
    await settle();
    expect(store.getState().loaded).toBe(true);
    expect(store.getState().messages).toEqual([]);
  });

  it('goes quiet, without saying why, when the visitor is banned', async () => {
    const { store, server } = await setup();
    server.events.refused('BANNED');
    expect(store.getState().connection).toBe('unavailable');
  });

  it('goes quiet when a request is refused for a ban', async () => {
    const { store, server } = await setup();
    server.handlers['conversation:start'] = () => {
      throw new RequestError('BANNED', 'Chat is not available right now.');
    };
    server.connect();
    await settle();
    store.send('hello');
    await settle();
    expect(store.getState().connection).toBe('unavailable');
  });

  it('counts agent messages that arrive while the chat is minimized and clears them on open', async () => {
    const { store, server } = await setup();
    server.handlers['conversation:current'] = () => ({
      conversation: conv('c1', 'active'),
      messages: [msg('c1', 1, 'visitor')],
    });
    server.connect();
    await settle();
    server.events.message(msg('c1', 2));
    server.events.message(msg('c1', 2));
    server.events.message(msg('c1', 3));
    expect(store.getState().unread).toBe(2);
    store.setHostOpen(true);
    expect(store.getState().unread).toBe(0);
    store.setHostOpen(false);
    server.events.message(msg('c1', 4));
    expect(store.getState().unread).toBe(1);
  });

  it('shows the agent typing and hides it on their message', async () => {
    const { store, server } = await setup();
    server.handlers['conversation:current'] = () => ({
      conversation: conv('c1', 'active'),
      messages: [],
    });
    server.connect();
    await settle();
    const author = { type: 'agent' as const, id: 'a1', name: 'Ana' };
    server.events.typing({ conversationId: 'c1', author, typing: true });
    expect(store.getState().agentTyping).toBe('Ana');
    server.events.typing({
      conversationId: 'c1',
      author: { type: 'visitor', id: 'v', name: null },
      typing: false,
    });
    expect(store.getState().agentTyping).toBe('Ana');
    server.events.message(msg('c1', 1));
    expect(store.getState().agentTyping).toBeNull();
  });

  it('keeps a closed chat readable until the visitor starts a new one', async () => {
    const storage = memoryStorage();
    const { store, server } = await setup(storage);
    server.handlers['conversation:current'] = () => ({
      conversation: conv('c1', 'active'),
      messages: [msg('c1', 1)],
    });
    server.connect();
    await settle();
    server.events.conversation(conv('c1', 'closed', 1));
    expect(store.getState().conversation?.status).toBe('closed');
    expect(store.getState().messages).toHaveLength(1);
    // A stale update from before the close does not reopen it.
    server.events.conversation(conv('c1', 'active', 1));
    expect(store.getState().conversation?.status).toBe('closed');
    store.startNewChat();
    expect(store.getState().conversation).toBeNull();
    expect(storage.get(keys.dismissed(SITE))).toBe('c1');
  });

  it('follows a conversation started in another tab', async () => {
    const { store, server } = await setup();
    server.connect();
    await settle();
    server.handlers['conversation:current'] = () => ({
      conversation: conv('c2', 'queued', 1),
      messages: [msg('c2', 1, 'visitor')],
    });
    server.events.conversation(conv('c2', 'queued', 1));
    await settle();
    expect(store.getState().conversation?.id).toBe('c2');
    expect(store.getState().messages).toHaveLength(1);
  });
});

describe('ChatStore: availability, departments and the message form', () => {
  const twoDepartments: WidgetConfig = {
    ...config,
    departments: [
      { id: 'sales', name: 'Sales' },
      { id: 'support', name: 'Support' },
    ],
  };
  const ack = { id: 'm1', seq: 1, createdAt: '2025-01-01T10:00:01.000Z', duplicate: false };

  it('follows availability pushed by the server', async () => {
    const { store, server } = await setup();
    server.connect();
    await settle();
    server.events.availability(false);
    expect(store.getState().config?.agentsAvailable).toBe(false);
    server.events.availability(true);
    expect(store.getState().config?.agentsAvailable).toBe(true);
  });

  it('holds the first send until a department is chosen, then starts the chat there', async () => {
    const { store, server } = await setup();
    server.handlers['widget:config'] = () => twoDepartments;
    const starts: unknown[] = [];
    server.handlers['conversation:start'] = (p: unknown) => {
      starts.push(p);
      return { conversation: conv('c1') };
    };
    server.handlers['message:send'] = () => ack;
    server.connect();
    await settle();
    store.send('hello');
    await settle();
    expect(store.getState().askDepartment).toBe(true);
    expect(store.getState().pending[0]?.state).toBe('sending');
    expect(starts).toEqual([]);
    store.chooseDepartment('support');
    await settle();
    expect(starts).toEqual([{ departmentId: 'support' }]);
    expect(store.getState().askDepartment).toBe(false);
    expect(store.getState().messages).toHaveLength(1);
    // Asked once per conversation: the choice is spent.
    expect(store.getState().departmentId).toBeNull();
  });

  it('does not ask with one department or none', async () => {
    const { store, server } = await setup();
    server.handlers['widget:config'] = () => ({
      ...config,
      departments: [{ id: 'sales', name: 'Sales' }],
    });
    const starts: unknown[] = [];
    server.handlers['conversation:start'] = (p: unknown) => {
      starts.push(p);
      return { conversation: conv('c1') };
    };
    server.handlers['message:send'] = () => ack;
    server.connect();
    await settle();
    store.send('hello');
    await settle();
    expect(store.getState().askDepartment).toBe(false);
    expect(starts).toEqual([{}]);
  });

  it('asks again when the server no longer knows the department', async () => {
    const { store, server } = await setup();
    server.handlers['widget:config'] = () => twoDepartments;
    server.handlers['conversation:start'] = () => {
      throw new RequestError('VALIDATION_FAILED', 'no such department', {
        departmentId: 'unknown department',
      });
    };
    server.connect();
    await settle();
    store.send('hello');
    store.chooseDepartment('sales');
    await settle();
    await settle();
    const s = store.getState();
    expect(s.askDepartment).toBe(true);
    expect(s.departmentId).toBeNull();
    expect(s.pending[0]?.state).toBe('sending');
  });

  it('sends the form as a ticket and keeps the thank-you across a reload', async () => {
    const storage = memoryStorage();
    const { store, server } = await setup(storage);
    const tickets: unknown[] = [];
    server.handlers['ticket:create'] = (p: unknown) => {
      tickets.push(p);
      return { ticket: { id: 't1', createdAt: new Date().toISOString() } };
    };
    server.connect();
    await settle();
    store.draftChanged('Do you ship to Spain?');
    expect(store.leftoverText()).toBe('Do you ship to Spain?');
    const input = { name: 'Ana', email: 'ana@example.com', message: 'Do you ship to Spain?' };
    expect(await store.sendTicket(input)).toEqual({ ok: true });
    expect(tickets).toEqual([input]);
    expect(store.getState().ticket?.id).toBe('t1');
    expect(store.leftoverText()).toBe('');

    const again = await setup(storage);
    expect(again.store.getState().ticket?.id).toBe('t1');
    again.store.dismissTicket();
    expect(again.store.getState().ticket).toBeNull();
    expect(storage.get(keys.ticket(SITE))).toBeNull();
  });

  it('forgets an old thank-you', async () => {
    const storage = memoryStorage();
    storage.set(keys.ticket(SITE), 't0 2020-01-01T00:00:00.000Z');
    const { store } = await setup(storage);
    expect(store.getState().ticket).toBeNull();
  });

  it('returns the server’s field problems when the form is refused', async () => {
    const { store, server } = await setup();
    server.handlers['ticket:create'] = () => {
      throw new RequestError('VALIDATION_FAILED', 'bad', { email: 'must be an email address' });
    };
    server.connect();
    await settle();
    expect(await store.sendTicket({ name: 'Ana', email: 'ana@x', message: 'hi' })).toEqual({
      ok: false,
      code: 'VALIDATION_FAILED',
      details: { email: 'must be an email address' },
    });
    expect(store.getState().ticket).toBeNull();
  });

  it('reads the waiting chat again after the form closed it', async () => {
    const { store, server } = await setup();
    let closed = false;
    server.handlers['conversation:current'] = () => ({
      conversation: conv('c1', closed ? 'closed' : 'queued', 1),
      messages: [msg('c1', 1, 'visitor')],
    });
    server.handlers['ticket:create'] = () => {
      closed = true;
      return { ticket: { id: 't1', createdAt: new Date().toISOString() } };
    };
    server.connect();
    await settle();
    expect(store.getState().conversation?.status).toBe('queued');
    await store.sendTicket({ name: 'Ana', email: 'ana@example.com', message: 'hi' });
    await settle();
    expect(store.getState().conversation?.status).toBe('closed');
    expect(store.getState().messages).toHaveLength(1);
  });

  it('fails the form without a connection instead of waiting', async () => {
    const { store } = await setup();
    expect(await store.sendTicket({ name: 'A', email: 'a@b.co', message: 'hi' })).toEqual({
      ok: false,
      code: 'DISCONNECTED',
    });
  });
});

/** Uploads that succeed unless told otherwise; each call is recorded. */
function fakeUploads() {
  const calls: Array<{ name: string; conversationId: string }> = [];
  const failNext = new Map<string, string>();
  let n = 0;
  const api: UploadApi = async (req: UploadRequest) => {
    calls.push({ name: req.file.name, conversationId: req.conversationId });
    req.onProgress(req.file.size / 2);
    await settle();
    const code = failNext.get(req.file.name);
    if (code) {
      failNext.delete(req.file.name);
      throw new RequestError(code, code, code === 'PAYLOAD_TOO_LARGE' ? { limitMb: '20' } : {});
    }
    const file: Attachment = {
      id: `file-${++n}`,
      name: req.file.name,
      size: req.file.size,
      contentType: 'text/plain',
      isImage: false,
    };
    return file;
  };
  return { api, calls, failNext };
}

async function richSetup(opts: { open?: boolean } = { open: true }) {
  const storage = memoryStorage();
  const server = new FakeServer();
  const uploads = fakeUploads();
  server.handlers['conversation:current'] = () => ({
    conversation: opts.open ? conv('c1', 'active', 1) : null,
    messages: opts.open ? [msg('c1', 1)] : [],
  });
  server.handlers['conversation:start'] = () => ({ conversation: conv('c1', 'queued') });
  let seq = 10;
  server.handlers['message:send'] = () => ({
    id: `m${++seq}`,
    seq,
    createdAt: '2025-01-01T10:00:01.000Z',
    duplicate: false,
  });
  const store = new ChatStore({
    siteKey: SITE,
    storage,
    connect: server.factory,
    upload: uploads.api,
  });
  store.init('t', null);
  server.connect();
  await settle();
  return { store, server, uploads };
}

const text = (name: string) => new File(['hello'], name, { type: 'text/plain' });
const sends = (server: FakeServer) =>
  server.calls.filter((c) => c.name === 'message:send').map((c) => c.payload) as Array<{
    clientId: string;
    body: string;
    attachmentIds?: string[];
  }>;
const flush = async () => {
  for (let i = 0; i < 6; i++) await settle();
};

describe('ChatStore files', () => {
  it('uploads at once into an open chat and sends the ids with the message', async () => {
    const { store, server, uploads } = await richSetup();
    store.addFiles([text('a.txt'), text('b.txt')]);
    expect(store.getState().uploads.map((u) => u.status)).toEqual(['uploading', 'uploading']);
    await flush();
    expect(store.getState().uploads.map((u) => u.status)).toEqual(['done', 'done']);
    expect(store.send('  ')).toBe(true); // files alone are a message
    await flush();
    expect(sends(server)).toEqual([
      expect.objectContaining({ body: '', attachmentIds: ['file-1', 'file-2'] }),
    ]);
    expect(uploads.calls).toHaveLength(2); // not uploaded again on send
    const s = store.getState();
    expect(s.uploads).toEqual([]);
    expect(s.pending).toEqual([]);
    expect(s.messages.at(-1)?.attachments?.map((a) => a.name)).toEqual(['a.txt', 'b.txt']);
  });

  it('keeps files until a chat exists, then uploads them on send', async () => {
    const { store, server, uploads } = await richSetup({ open: false });
    store.addFiles([text('a.txt')]);
    expect(store.getState().uploads[0]?.status).toBe('queued');
    expect(uploads.calls).toEqual([]);
    store.send('with a file');
    await flush();
    expect(server.names()).toContain('conversation:start');
    expect(uploads.calls).toEqual([{ name: 'a.txt', conversationId: 'c1' }]);
    expect(sends(server)[0]).toMatchObject({ body: 'with a file', attachmentIds: ['file-1'] });
  });

  it('turns away files past five per message', async () => {
    const { store } = await richSetup({ open: false });
    store.addFiles(['1', '2', '3', '4', '5', '6', '7'].map((n) => text(`${n}.txt`)));
    const s = store.getState();
    expect(s.uploads).toHaveLength(5);
    expect(s.tooManyFiles).toBe(true);
    store.removeFile(s.uploads[0]!.key);
    expect(store.getState().uploads).toHaveLength(4);
    expect(store.getState().tooManyFiles).toBe(false);
  });

  it('retries with the same clientId, uploading only what did not get through', async () => {
    const { store, server, uploads } = await richSetup({ open: false });
    uploads.failNext.set('b.txt', 'UPLOAD_FAILED');
    store.addFiles([text('a.txt'), text('b.txt')]);
    store.send('two files');
    await flush();
    const p = store.getState().pending[0]!;
    expect(p).toMatchObject({ state: 'failed', errorCode: 'UPLOAD_FAILED' });
    expect(sends(server)).toEqual([]);
    expect(uploads.calls.map((c) => c.name)).toEqual(['a.txt', 'b.txt']);

    store.retry(p.clientId);
    await flush();
    expect(uploads.calls.map((c) => c.name)).toEqual(['a.txt', 'b.txt', 'b.txt']);
    expect(sends(server)).toEqual([
      expect.objectContaining({ clientId: p.clientId, attachmentIds: ['file-1', 'file-2'] }),
    ]);
    expect(store.getState().pending).toEqual([]);
  });

  it('a Retry after a failed send reuses its clientId and file ids', async () => {
    const { store, server, uploads } = await richSetup();
    let first = true;
    const ok = server.handlers['message:send']!;
    server.handlers['message:send'] = (payload: never) => {
      if (first) {
        first = false;
        throw new RequestError('INTERNAL');
      }
      return ok(payload);
    };
    store.addFiles([text('a.txt')]);
    store.send('hi');
    await flush();
    const p = store.getState().pending[0]!;
    expect(p.state).toBe('failed');
    store.retry(p.clientId);
    await flush();
    const [one, two] = sends(server);
    expect(two?.clientId).toBe(one?.clientId);
    expect(two?.attachmentIds).toEqual(one?.attachmentIds);
    expect(uploads.calls).toHaveLength(1);
  });

  it('sends the rest when a file is refused, and puts the refused one back with why', async () => {
    const { store, server, uploads } = await richSetup({ open: false });
    uploads.failNext.set('big.txt', 'PAYLOAD_TOO_LARGE');
    store.addFiles([text('ok.txt'), text('big.txt')]);
    store.send('files');
    await flush();
    expect(sends(server)[0]).toMatchObject({ body: 'files', attachmentIds: ['file-1'] });
    expect(store.getState().pending).toEqual([]);
    expect(store.getState().uploads).toEqual([
      expect.objectContaining({
        name: 'big.txt',
        owner: null,
        errorCode: 'PAYLOAD_TOO_LARGE',
        limitMb: 20,
      }),
    ]);
  });

  it('sends nothing when every file of a text-less message is refused', async () => {
    const { store, server, uploads } = await richSetup();
    uploads.failNext.set('x.exe', 'UNSUPPORTED_FILE_TYPE');
    store.addFiles([text('x.exe')]);
    await flush();
    // A refused file cannot be sent: no message without text.
    expect(store.send('')).toBe(false);
    expect(sends(server)).toEqual([]);
    expect(store.getState().uploads[0]?.errorCode).toBe('UNSUPPORTED_FILE_TYPE');
  });
});

describe('ChatStore options, receipts and sneak peek', () => {
  const question = (): Message => ({
    ...msg('c1', 2),
    id: 'q1',
    body: 'Card or credit?',
    kind: 'options',
    choices: ['Card', 'Credit'],
  });

  it('answers an options message once and shows the answer as the visitor’s', async () => {
    const { store, server } = await richSetup();
    server.events.message(question());
    let answers = 0;
    server.handlers['options:answer'] = async () => {
      answers++;
      await settle();
      return { id: 'a1', seq: 3, createdAt: '2025-01-01T10:00:02.000Z', duplicate: false };
    };
    const first = store.answer('q1', 1);
    void store.answer('q1', 0); // a second click while the first is on its way
    expect(store.getState().answers).toEqual({ q1: { choice: 1, state: 'sending' } });
    await first;
    expect(answers).toBe(1);
    expect(server.calls.find((c) => c.name === 'options:answer')?.payload).toEqual({
      conversationId: 'c1',
      messageId: 'q1',
      choice: 1,
    });
    const last = store.getState().messages.at(-1)!;
    expect(last).toMatchObject({
      kind: 'answer',
      body: 'Credit',
      author: { type: 'visitor' },
      answer: { messageId: 'q1', choice: 1 },
    });
    expect(store.getState().answers).toEqual({});
    await store.answer('q1', 0);
    expect(answers).toBe(1);
  });

  it('lets the visitor try again when an answer fails', async () => {
    const { store, server } = await richSetup();
    server.events.message(question());
    server.handlers['options:answer'] = () => {
      throw new RequestError('RATE_LIMITED');
    };
    await store.answer('q1', 0);
    expect(store.getState().answers.q1).toEqual({
      choice: 0,
      state: 'failed',
      errorCode: 'RATE_LIMITED',
    });
  });

  it('keeps how far an agent has read, for this conversation only', async () => {
    const { store, server } = await richSetup();
    const agent = { type: 'agent' as const, id: 'a', name: 'Ana' };
    server.events.seen({ conversationId: 'c1', reader: agent, seq: 4 });
    server.events.seen({ conversationId: 'c1', reader: agent, seq: 2 }); // never backwards
    server.events.seen({ conversationId: 'other', reader: agent, seq: 9 });
    expect(store.getState().agentSeen).toEqual({ conversationId: 'c1', seq: 4 });
  });

  it('sends a read receipt only while the chat is open and focused', async () => {
    const { store, server } = await richSetup();
    vi.useFakeTimers();
    store.setHostOpen(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.seenSignals).toEqual([]);
    store.setAttention(true, true);
    await vi.advanceTimersByTimeAsync(1500);
    expect(server.seenSignals).toEqual([{ conversationId: 'c1', seq: 1 }]);
    server.events.message(msg('c1', 2));
    await vi.advanceTimersByTimeAsync(1500);
    expect(server.seenSignals).toEqual([
      { conversationId: 'c1', seq: 1 },
      { conversationId: 'c1', seq: 2 },
    ]);
  });

  it('puts what the visitor is typing in the typing events (sneak peek)', async () => {
    const { store, server } = await richSetup();
    store.draftChanged('Where is my ord');
    store.draftChanged('x'.repeat(1500));
    expect(server.typingSignals[0]).toEqual({
      conversationId: 'c1',
      typing: true,
      preview: 'Where is my ord',
    });
    store.send('Where is my order?');
    expect(server.typingSignals.at(-1)).toEqual({ conversationId: 'c1', typing: false });
  });
});
