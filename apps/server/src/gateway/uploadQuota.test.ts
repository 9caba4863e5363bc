import type { ErrorResponse, VisitorConversation } from '@parley/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestServer } from '../test/fixture.js';
import { connectVisitor, connected, newVisitor, ok } from '../test/server.js';
import { dialects } from '../test/storage.js';

const kb = (n: number) => n * 1024;
const HOUR = 3600_000;

describe.each(dialects)('visitor upload limits and quotas (%s)', (dialect) => {
  let now = Date.UTC(2026, 0, 5, 9, 0, 0);
  const clock = { now: () => now };
  const t = useTestServer(dialect, {
    clock,
    env: {
      RATE_LIMIT_UPLOADS: '4/10m',
      UPLOAD_QUOTA_FILES_PER_CONVERSATION: '5',
      UPLOAD_QUOTA_MB_PER_CONVERSATION: '1',
      UPLOAD_QUOTA_MB_PER_DAY: '2',
    },
  });
  beforeEach(() => void (now += 2 * HOUR));

  async function visitorInChat() {
    const { token, visitorId } = await newVisitor(t.server.url, t.server.siteKey);
    const socket = t.track(connectVisitor(t.server.url, token));
    await connected(socket);
    const start = async () =>
      (await ok<{ conversation: VisitorConversation }>(socket, 'conversation:start')).conversation
        .id;
    const close = (conversationId: string) => ok(socket, 'conversation:close', { conversationId });
    return { token, visitorId, start, close, conversationId: await start() };
  }

  async function upload(token: string, conversationId: string, bytes: number) {
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(bytes, 'a')], { type: 'text/plain' }), 'notes.txt');
    const res = await fetch(`${t.server.url}/api/v1/widget/conversations/${conversationId}/files`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as Partial<ErrorResponse>;
    return {
      status: res.status,
      code: body.error?.code ?? null,
      retryAfter: res.headers.get('retry-after'),
    };
  }

  const storedFiles = async (visitorId: string) =>
    (
      await t.storage.db
        .selectFrom('attachments')
        .select('size')
        .where('uploader_type', '=', 'visitor')
        .where('uploader_id', '=', visitorId)
        .execute()
    ).map((r) => r.size);

  it('limits how fast a visitor uploads, then how many files one chat holds', async () => {
    const v = await visitorInChat();
    for (let i = 0; i < 4; i++)
      expect((await upload(v.token, v.conversationId, 10)).status).toBe(201);
    const fast = await upload(v.token, v.conversationId, 10);
    expect(fast).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(fast.retryAfter)).toBeGreaterThan(0);
    now += 10 * 60_000;
    expect((await upload(v.token, v.conversationId, 10)).status).toBe(201);
    // Five files in this chat: waiting does not help, it is a total.
    now += 10 * 60_000;
    expect(await upload(v.token, v.conversationId, 10)).toMatchObject({
      status: 403,
      code: 'QUOTA_EXCEEDED',
    });
    expect(await storedFiles(v.visitorId)).toHaveLength(5);
  });

  it('holds the bytes of one chat to its quota, refusing a file that would pass it', async () => {
    const v = await visitorInChat();
    expect((await upload(v.token, v.conversationId, kb(600))).status).toBe(201);
    expect(await upload(v.token, v.conversationId, kb(600))).toMatchObject({
      status: 403,
      code: 'QUOTA_EXCEEDED',
    });
    // What fits is still taken; the refused file left nothing behind.
    expect((await upload(v.token, v.conversationId, kb(300))).status).toBe(201);
    expect(await storedFiles(v.visitorId)).toEqual([kb(600), kb(300)]);
  });

  it("holds a visitor's bytes across chats to the daily quota", async () => {
    const v = await visitorInChat();
    expect((await upload(v.token, v.conversationId, kb(900))).status).toBe(201);
    await v.close(v.conversationId);
    const second = await v.start();
    expect((await upload(v.token, second, kb(900))).status).toBe(201);
    await v.close(second);
    const third = await v.start();
    // 1,800 KB today: 300 KB more would pass the 2 MB (2,048 KB) a day.
    expect(await upload(v.token, third, kb(300))).toMatchObject({
      status: 403,
      code: 'QUOTA_EXCEEDED',
    });
    // Another visitor is not held to this one's quota.
    const other = await visitorInChat();
    expect((await upload(other.token, other.conversationId, kb(300))).status).toBe(201);
    now += 24 * HOUR;
    expect((await upload(v.token, third, kb(300))).status).toBe(201);
    expect(await storedFiles(v.visitorId)).toHaveLength(3);
  });
});
