import type {
  Ticket,
  TicketListResponse,
  TicketReplyResponse,
  TicketThreadResponse,
} from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/fixture.js';
import {
  startMailReceiver,
  sendToParley,
  type MailReceiver,
  type OutgoingTestMail,
} from '../../test/mail.js';
import {
  agentCall,
  agentFetch,
  connected,
  connectVisitor,
  newVisitor,
  ok,
  type AgentLogin,
} from '../../test/server.js';
import { dialects } from '../../test/storage.js';

const DOMAIN = 'help.parley.test';

describe.each(dialects)('tickets by email, both ways (%s)', (dialect) => {
  const env: Record<string, string> = {};
  let receiver: MailReceiver;
  beforeAll(async () => {
    receiver = await startMailReceiver();
    Object.assign(env, {
      SMTP_URL: receiver.url,
      MAIL_FROM: `Parley Support <parley@${DOMAIN}>`,
      INBOUND_SMTP_PORT: '0',
      INBOUND_SMTP_HOST: '127.0.0.1',
      INBOUND_DOMAIN: DOMAIN,
      INBOUND_MAX_MB: '0.05',
    });
  });
  afterAll(() => receiver.close());
  const t = useTestServer(dialect, { env });

  const inboundPort = () => t.server.app.inboundSmtp!.port;
  const call = <T>(method: string, route: string, body?: unknown, login: AgentLogin = t.admin) =>
    agentCall<T & { error?: { code: string } }>(t.server.url, login, method, route, body);
  const thread = async (id: string) =>
    (await call<TicketThreadResponse>('GET', `/tickets/${id}`)).body;
  const ticketsOf = async (email: string) =>
    (await call<TicketListResponse>('GET', '/tickets?limit=200')).body.tickets.filter(
      (x) => x.email === email,
    );

  /** A visitor leaves a message through the widget's form. */
  async function formTicket(email: string, message: string): Promise<Ticket> {
    const { token } = await newVisitor(t.server.url, t.server.siteKey);
    const visitor = t.track(connectVisitor(t.server.url, token));
    await connected(visitor);
    await ok(visitor, 'ticket:create', { name: 'Maria Customer', email, message });
    const [ticket] = await ticketsOf(email);
    return ticket!;
  }

  async function reply(ticketId: string, body: string, internal = false) {
    return call<TicketReplyResponse>('POST', `/tickets/${ticketId}/messages`, { body, internal });
  }

  it('mails a reply to a form ticket with threading, and the answer lands in the same ticket', async () => {
    const email = `maria-${dialect}@example.com`;
    const ticket = await formTicket(email, 'My order #42 never arrived.');
    expect(ticket).toMatchObject({ channel: 'web_form', status: 'open', priority: 'normal' });
    await call('PATCH', `/tickets/${ticket.id}`, { status: 'pending' });

    const sent = await reply(ticket.id, 'Sorry! It ships today.');
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({ direction: 'out', delivery: 'sent' });
    const mail = await receiver.next('the agent reply to the customer');
    expect(mail.rcptTo).toEqual([email]);
    expect(mail.parsed.text?.trim()).toBe('Sorry! It ships today.');
    expect(mail.parsed.subject).toBe(`Re: Your message to ${ticket.siteName}`);
    const replyTo = mail.parsed.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(new RegExp(`^support\\+t-[a-f0-9]{32}@${DOMAIN}$`));
    expect(mail.parsed.messageId).toMatch(new RegExp(`^<[a-f0-9]{32}@${DOMAIN}>$`));
    expect(mail.header('x-parley-loop')).toBeTruthy();

    // The customer answers from their mail program, quoting the reply below their text.
    await sendToParley(inboundPort(), {
      from: `Maria Customer <${email}>`,
      to: replyTo,
      subject: mail.parsed.subject!,
      text: `Great, thanks!\n\nOn Tue, Parley Support wrote:\n> Sorry! It ships today.\n`,
      inReplyTo: mail.parsed.messageId!,
      references: [mail.parsed.messageId!],
    });
    const after = await thread(ticket.id);
    expect(after.messages.map((m) => [m.direction, m.body])).toEqual([
      ['in', 'My order #42 never arrived.'],
      ['out', 'Sorry! It ships today.'],
      ['in', 'Great, thanks!'],
    ]);
    expect(after.messages[2]).toMatchObject({ hasOriginal: true, auto: false });
    // The customer answered: the pending ticket is open again.
    expect(after.ticket.status).toBe('open');
    // The full original, quote included, is kept and downloadable.
    const original = await agentFetch(
      t.server.url,
      t.admin,
      `/tickets/${ticket.id}/messages/${after.messages[2]!.id}/original`,
    );
    expect(original.headers.get('content-type')).toBe('message/rfc822');
    expect(await original.text()).toContain('> Sorry! It ships today.');

    // A second reply threads under the customer's email and names the whole thread.
    await reply(ticket.id, 'Enjoy!');
    const second = await receiver.next('the second reply');
    expect(second.parsed.inReplyTo).toBeTruthy();
    expect(second.header('references')).toContain(mail.parsed.messageId!);
    expect(await ticketsOf(email)).toHaveLength(1);
  });

  it('threads an answer without the token by the Message-ID Parley sent', async () => {
    const email = `ann-${dialect}@example.com`;
    const ticket = await formTicket(email, 'Do you ship to Iceland?');
    await reply(ticket.id, 'We do.');
    const mail = await receiver.next('the reply about Iceland');
    await sendToParley(inboundPort(), {
      from: email,
      to: `support@${DOMAIN}`,
      subject: 'Re: Iceland',
      text: 'How long does it take?',
      inReplyTo: mail.parsed.messageId!,
    });
    const after = await thread(ticket.id);
    expect(after.messages.at(-1)).toMatchObject({
      direction: 'in',
      body: 'How long does it take?',
    });
  });

  it('makes a forged reply without the token, or with a wrong one, a new ticket', async () => {
    const email = `forged-${dialect}@example.com`;
    const ticket = await formTicket(email, 'Where is my refund?');
    await reply(ticket.id, 'On its way.');
    await receiver.next('the refund reply');
    // Someone who knows the customer's address and the subject, but not the token.
    await sendToParley(inboundPort(), {
      from: email,
      to: `support@${DOMAIN}`,
      subject: 'Re: Your message',
      text: 'Send the refund to my new account instead.',
    });
    await sendToParley(inboundPort(), {
      from: email,
      to: `support+t-${'0'.repeat(32)}@${DOMAIN}`,
      subject: 'Re: Your message',
      text: 'Guessing a token.',
      inReplyTo: '<made-up@elsewhere.example>',
    });
    const original = await thread(ticket.id);
    expect(original.messages).toHaveLength(2);
    const all = await ticketsOf(email);
    expect(all).toHaveLength(3);
    const fresh = all.filter((x) => x.id !== ticket.id);
    expect(fresh.map((x) => x.channel)).toEqual(['email', 'email']);
    expect(fresh.map((x) => x.message).sort()).toEqual([
      'Guessing a token.',
      'Send the refund to my new account instead.',
    ]);
    expect(fresh.find((x) => x.message === 'Guessing a token.')?.subject).toBe('Re: Your message');
  });

  it('keeps auto-replies and bounces from looping: marked, never answered, no new ticket', async () => {
    const email = `away-${dialect}@example.com`;
    const ticket = await formTicket(email, 'Is the shop open on Sunday?');
    await reply(ticket.id, 'Yes, 10 to 4.');
    const mail = await receiver.next('the Sunday reply');
    await call('PATCH', `/tickets/${ticket.id}`, { status: 'solved' });
    const replyTo = mail.parsed.replyTo!.value[0]!.address!;
    await sendToParley(inboundPort(), {
      from: email,
      to: replyTo,
      subject: 'Out of office',
      text: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const after = await thread(ticket.id);
    expect(after.messages.at(-1)).toMatchObject({ body: 'I am away until Monday.', auto: true });
    expect(after.ticket.status).toBe('solved');
    // Unmatched robots start nothing: an auto-reply, a list mail, a bounce.
    const before = (await call<TicketListResponse>('GET', '/tickets?limit=200')).body.tickets;
    const robots: Array<Partial<OutgoingTestMail>> = [
      { headers: { 'X-Autoreply': 'yes' } },
      { headers: { Precedence: 'bulk' } },
      { envelopeFrom: '' },
    ];
    for (const extra of robots)
      await sendToParley(inboundPort(), {
        from: `robot-${dialect}@example.com`,
        to: `support@${DOMAIN}`,
        subject: 'Automatic',
        text: 'Automatic message',
        ...extra,
      });
    const now = (await call<TicketListResponse>('GET', '/tickets?limit=200')).body.tickets;
    expect(now.length).toBe(before.length);
    // Nothing went out in answer to any of them.
    expect(receiver.received.filter((m) => m.rcptTo.includes(email))).toHaveLength(1);
  });

  it('never mails an internal note', async () => {
    const email = `note-${dialect}@example.com`;
    const ticket = await formTicket(email, 'Can I change my address?');
    const note = await reply(ticket.id, 'Check with the warehouse first.', true);
    expect(note.body.message).toMatchObject({ internal: true, delivery: null });
    await reply(ticket.id, 'Yes, done.');
    const mail = await receiver.next('the public reply after the note');
    expect(mail.parsed.text?.trim()).toBe('Yes, done.');
    const toCustomer = receiver.received.filter((m) => m.rcptTo.includes(email));
    expect(toCustomer).toHaveLength(1);
    expect(JSON.stringify(toCustomer.map((m) => m.parsed.text))).not.toContain('warehouse');
  });

  it('keeps the files an email brings under the chat files rules', async () => {
    const email = `files-${dialect}@example.com`;
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    // A Windows program named like a picture: sniffed, refused, left in the original only.
    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    await sendToParley(inboundPort(), {
      from: email,
      to: `support@${DOMAIN}`,
      subject: 'Photo of the damage',
      text: 'See the photo.',
      attachments: [
        { filename: 'damage.png', content: png },
        { filename: 'invoice.png', content: program },
      ],
    });
    const [ticket] = await ticketsOf(email);
    const { messages } = await thread(ticket!.id);
    expect(messages[0]!.files).toEqual([
      { id: expect.any(String), name: 'damage.png', size: png.length, contentType: 'image/png' },
    ]);
    const download = await agentFetch(
      t.server.url,
      t.admin,
      `/tickets/${ticket!.id}/files/${messages[0]!.files[0]!.id}`,
    );
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);
  });

  it('stores a redelivered email once and refuses what it may not take', async () => {
    const messageId = `<dup-${dialect}@mail.example.com>`;
    const email = `dup-${dialect}@example.com`;
    for (let i = 0; i < 2; i++)
      await sendToParley(inboundPort(), {
        from: email,
        to: `support@${DOMAIN}`,
        subject: 'Hello',
        text: 'First contact by email',
        messageId,
      });
    expect(await ticketsOf(email)).toHaveLength(1);
    const big = sendToParley(inboundPort(), {
      from: email,
      to: `support@${DOMAIN}`,
      subject: 'Huge',
      text: 'x'.repeat(80_000),
    });
    await expect(big).rejects.toThrow(/552.*too large|size/i);
    const elsewhere = sendToParley(inboundPort(), {
      from: email,
      to: `someone@other.example`,
      subject: 'Relay me',
      text: 'Please',
    });
    await expect(elsewhere).rejects.toThrow(/550/);
  });
});
