import type { Message, SendResult, VisitorConversation } from '@parley/protocol';
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import {
  collect,
  connectAgent,
  connectVisitor,
  connected,
  newVisitor,
  nextEvent,
  ok,
  until,
  visitorFetch,
} from '../test/server.js';
import { useTestServer } from '../test/fixture.js';
import { dialects } from '../test/storage.js';

const cid = (n: string) => `client-${n}-${Math.random().toString(36).slice(2, 10)}`;
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

interface Seen {
  conversationId: string;
  reader: { type: 'visitor' | 'agent' };
  seq: number;
}

type Synced = { conversations: Array<{ conversation: VisitorConversation; messages: Message[] }> };

describe.each(dialects)('the numbers a visitor sees have no gaps for notes (%s)', (dialect) => {
  const t = useTestServer(dialect);

  /**
   * An accepted chat of: visitor message, agent note, agent reply, note, reply (after what
   * accepting wrote). Both sides connected, every live message event collected.
   */
  async function chatWithNotes() {
    const { token } = await newVisitor(t.server.url, t.server.siteKey);
    const visitor = t.track(connectVisitor(t.server.url, token));
    await connected(visitor);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      visitor,
      'conversation:start',
    );
    const id = conversation.id;
    const agent = t.track(connectAgent(t.server.url, t.admin));
    await connected(agent);
    const visitorLive = collect<Message>(visitor, 'message:new');
    const agentLive = collect<Message>(agent, 'message:new');
    await ok(agent, 'conversation:accept', { conversationId: id });
    await ok(agent, 'conversation:watch', { conversationId: id });

    const question = { conversationId: id, clientId: cid('v'), body: 'Where is my order?' };
    const asked = await ok<SendResult>(visitor, 'message:send', question);
    const agentSend = (body: string, visibility: 'public' | 'private') =>
      ok<SendResult>(agent, 'message:send', {
        conversationId: id,
        clientId: cid('a'),
        body,
        visibility,
      });
    const note1 = await agentSend('note: VIP customer', 'private');
    const reply1 = await agentSend('Let me check.', 'public');
    const note2 = await agentSend('note: refund approved', 'private');
    const reply2 = await agentSend('It ships today.', 'public');
    await until(visitor, 'message:new', () => visitorLive.some((m) => m.body === reply2Body));
    await until(agent, 'message:new', () => agentLive.some((m) => m.id === reply2.id));
    return {
      token,
      visitor,
      agent,
      id,
      question,
      sent: { asked, note1, reply1, note2, reply2 },
      visitorLive,
      agentLive,
    };
  }
  const reply2Body = 'It ships today.';

  /** The numbers of a visitor's list must be exactly 1..n, each once, with no note among them. */
  function expectGapless(messages: readonly Message[], upTo: number) {
    const unique = [...new Map(messages.map((m) => [m.id, m])).values()];
    expect(unique.map((m) => m.seq).sort((a, b) => a - b)).toEqual(range(1, upTo));
    expect(unique.every((m) => m.visibility === 'public')).toBe(true);
    expect(unique.map((m) => m.body)).not.toContain('note: VIP customer');
  }

  it('numbers live events, acks, retries, current, sync and REST history 1, 2, 3 for the visitor', async () => {
    const c = await chatWithNotes();
    // Agents keep the full order, notes included.
    const watched = await ok<{ messages: Message[] }>(c.agent, 'conversation:watch', {
      conversationId: c.id,
    });
    const agentSeqs = watched.messages.map((m) => m.seq);
    const last = agentSeqs.at(-1)!;
    expect(agentSeqs).toEqual(range(1, last));
    expect(watched.messages.filter((m) => m.visibility === 'private').map((m) => m.seq)).toEqual([
      c.sent.note1.seq,
      c.sent.note2.seq,
    ]);
    expect([c.sent.note1, c.sent.reply1, c.sent.note2, c.sent.reply2].map((s) => s.seq)).toEqual(
      range(c.sent.asked.seq + 1, c.sent.asked.seq + 4),
    );
    expect(c.agentLive.find((m) => m.id === c.sent.reply2.id)?.seq).toBe(c.sent.reply2.seq);

    // The visitor: what accepting wrote, then the question and two replies, no gap at all.
    const publicCount = last - 2;
    expectGapless(c.visitorLive, publicCount);
    const q = c.sent.asked.seq; // no note before the question: both numberings agree
    const byId = new Map(c.visitorLive.map((m) => [m.id, m.seq]));
    expect([c.sent.asked.id, c.sent.reply1.id, c.sent.reply2.id].map((i) => byId.get(i))).toEqual([
      q,
      q + 1,
      q + 2,
    ]);
    const retried = await ok<SendResult>(c.visitor, 'message:send', c.question);
    expect(retried).toMatchObject({ id: c.sent.asked.id, seq: q, duplicate: true });

    const current = await ok<{ conversation: VisitorConversation; messages: Message[] }>(
      c.visitor,
      'conversation:current',
    );
    expectGapless(current.messages, publicCount);
    expect(current.conversation.lastSeq).toBe(publicCount);

    // After a reconnect the widget asks from the last number it holds: the question.
    const back = t.track(connectVisitor(t.server.url, c.token));
    await connected(back);
    const synced = await ok<Synced>(back, 'sync', { conversations: [{ id: c.id, afterSeq: q }] });
    const missed = synced.conversations[0]!;
    expect(missed.messages.map((m) => [m.id, m.seq])).toEqual([
      [c.sent.reply1.id, q + 1],
      [c.sent.reply2.id, q + 2],
    ]);
    expect(missed.conversation.lastSeq).toBe(publicCount);
    const rest = await visitorFetch(
      t.server.url,
      c.token,
      `/widget/conversations/${c.id}/messages?afterSeq=${q + 1}`,
    );
    const page = (await rest.json()) as { messages: Message[] };
    expect(page.messages.map((m) => [m.body, m.seq])).toEqual([[reply2Body, q + 2]]);
  });

  it('converts read receipts between the numberings, so each lands on the right message', async () => {
    const c = await chatWithNotes();
    const q = c.sent.asked.seq;
    const visitorSees = (match: (s: Seen) => boolean) =>
      nextEvent<Seen>(c.visitor, 'seen', (s) => s.reader.type === 'agent' && match(s));
    const agentSees = (match: (s: Seen) => boolean) =>
      nextEvent<Seen>(c.agent, 'seen', (s) => s.reader.type === 'visitor' && match(s));

    // The agent read up to the first note: for the visitor, up to their question.
    const current = () =>
      ok<{ conversation: VisitorConversation }>(c.visitor, 'conversation:current');
    const toVisitor = collect<Seen>(c.visitor, 'seen');
    const first = visitorSees(() => true);
    c.agent.emit('message:seen', { conversationId: c.id, seq: c.sent.note1.seq });
    expect(await first).toMatchObject({ conversationId: c.id, seq: q });
    const reply1 = visitorSees((s) => s.seq === q + 1);
    c.agent.emit('message:seen', { conversationId: c.id, seq: c.sent.reply1.seq });
    await reply1;
    expect((await current()).conversation.agentSeenSeq).toBe(q + 1);
    // Reading on to the second note moves nothing the visitor can see: no receipt for it,
    // which would tell that a note was written.
    const agentsHeard = nextEvent<Seen>(
      c.agent,
      'seen',
      (s) => s.reader.type === 'agent' && s.seq === c.sent.note2.seq,
    );
    c.agent.emit('message:seen', { conversationId: c.id, seq: c.sent.note2.seq });
    await agentsHeard;
    const all = visitorSees((s) => s.seq === q + 2);
    c.agent.emit('message:seen', { conversationId: c.id, seq: c.sent.reply2.seq });
    await all;
    expect(toVisitor.map((s) => s.seq)).toEqual([q, q + 1, q + 2]);
    expect((await current()).conversation.agentSeenSeq).toBe(q + 2);

    // The visitor read public message q + 1: the agent sees the receipt on that reply's seq.
    const read = agentSees(() => true);
    c.visitor.emit('message:seen', { conversationId: c.id, seq: q + 1 });
    expect(await read).toMatchObject({ conversationId: c.id, seq: c.sent.reply1.seq });
    await expectVisitorSeen(c.agent, c.id, c.sent.reply1.seq);
    // A number past the last public message stops at it, never at a note after it.
    const end = agentSees((s) => s.seq === c.sent.reply2.seq);
    c.visitor.emit('message:seen', { conversationId: c.id, seq: q + 50 });
    await end;
    await expectVisitorSeen(c.agent, c.id, c.sent.reply2.seq);
  });

  async function expectVisitorSeen(agent: Socket, id: string, seq: number) {
    const w = await ok<{ conversation: { visitorSeenSeq?: number } }>(agent, 'conversation:watch', {
      conversationId: id,
    });
    expect(w.conversation.visitorSeenSeq).toBe(seq);
  }
});
