import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMailer, type ClosableMailer } from './mailer.js';

const FROM = 'Parley <no-reply@parley.test>';

function recordingLog() {
  const entries: Array<{ o: object; msg: string }> = [];
  return { entries, info: (o: object, msg: string) => void entries.push({ o, msg }) };
}

const addresses = (value: { text: string } | Array<{ text: string }> | undefined) =>
  Array.isArray(value) ? value.map((a) => a.text).join(', ') : value?.text;

describe('createMailer without SMTP (outbox)', () => {
  let dir: string;
  let mailer: ClosableMailer | undefined;

  beforeEach(async () => {
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'parley-outbox-'));
  });

  afterEach(async () => {
    mailer?.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
  });

  it('writes a parseable .eml file, creating the folder, and logs its path', async () => {
    const outboxDir = path.join(dir, 'nested', 'outbox');
    const log = recordingLog();
    mailer = createMailer({ from: FROM, outboxDir, log });
    const result = await mailer.send({
      to: 'ada@example.com',
      subject: 'Your chat with Fernwood Home',
      text: 'Hello Ada,\nhere is your chat.',
      html: '<p>Hello Ada, here is <b>your chat</b>.</p>',
    });

    expect(result.file).toBeDefined();
    expect(path.dirname(result.file!)).toBe(outboxDir);
    expect(path.basename(result.file!)).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-[0-9a-f]{12}\.eml$/,
    );
    expect(await fs.promises.readdir(outboxDir)).toEqual([path.basename(result.file!)]);

    const raw = await fs.promises.readFile(result.file!);
    expect(raw.includes('\r\n')).toBe(false);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Your chat with Fernwood Home');
    expect(addresses(parsed.to)).toBe('ada@example.com');
    expect(addresses(parsed.from)).toBe('"Parley" <no-reply@parley.test>');
    expect(parsed.text?.trim()).toBe('Hello Ada,\nhere is your chat.');
    expect(parsed.html).toContain('<b>your chat</b>');
    expect(parsed.messageId).toBe(result.messageId);

    expect(log.entries).toEqual([
      {
        o: { file: result.file, messageId: result.messageId, to: 'ada@example.com' },
        msg: 'mail written to outbox',
      },
    ]);
  });

  it('gives every message its own file', async () => {
    mailer = createMailer({ from: FROM, outboxDir: dir, log: recordingLog() });
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        mailer!.send({ to: `v${i}@example.com`, subject: `S${i}`, text: `T${i}` }),
      ),
    );
    const files = new Set(results.map((r) => r.file));
    expect(files.size).toBe(5);
    expect((await fs.promises.readdir(dir)).sort()).toEqual(
      results.map((r) => path.basename(r.file!)).sort(),
    );
    const subjects = await Promise.all(
      results.map(async (r) => (await simpleParser(await fs.promises.readFile(r.file!))).subject),
    );
    expect(subjects).toEqual(['S0', 'S1', 'S2', 'S3', 'S4']);
  });

  it('keeps non-ASCII text and cannot be tricked into extra headers', async () => {
    mailer = createMailer({ from: FROM, outboxDir: dir, log: recordingLog() });
    const { file } = await mailer.send({
      to: 'zoë@example.com',
      subject: 'Ваш чат\r\nBcc: attacker@example.com',
      text: 'Grüße — 你好',
    });
    const parsed = await simpleParser(await fs.promises.readFile(file!));
    expect(parsed.subject).not.toMatch(/[\r\n]/);
    expect(parsed.subject).toContain('Ваш чат');
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.headers.has('bcc')).toBe(false);
    expect(parsed.text?.trim()).toBe('Grüße — 你好');
  });
});

describe('createMailer with SMTP', () => {
  let server: SMTPServer;
  let port: number;
  let received: Buffer[];
  let envelopes: Array<{ from: string; to: string[] }>;
  let mailer: ClosableMailer | undefined;

  beforeEach(async () => {
    received = [];
    envelopes = [];
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks));
          envelopes.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  afterEach(async () => {
    mailer?.close();
    mailer = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers the message to the SMTP server and writes no file', async () => {
    const outboxDir = path.join(os.tmpdir(), `parley-unused-outbox-${process.pid}-${Date.now()}`);
    const log = recordingLog();
    mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, outboxDir, log });
    const result = await mailer.send({
      to: 'ada@example.com',
      subject: 'Your chat with Fernwood Home',
      text: 'Thanks for chatting.',
      html: '<p>Thanks for chatting.</p>',
    });

    expect(result.file).toBeUndefined();
    expect(result.messageId).toMatch(/^<.+@parley\.test>$/);
    expect(received).toHaveLength(1);
    expect(envelopes).toEqual([{ from: 'no-reply@parley.test', to: ['ada@example.com'] }]);
    const parsed = await simpleParser(received[0]!);
    expect(parsed.subject).toBe('Your chat with Fernwood Home');
    expect(addresses(parsed.to)).toBe('ada@example.com');
    expect(parsed.text?.trim()).toBe('Thanks for chatting.');
    expect(parsed.html).toContain('<p>Thanks for chatting.</p>');
    expect(parsed.messageId).toBe(result.messageId);
    expect(fs.existsSync(outboxDir)).toBe(false);
    expect(log.entries).toEqual([
      { o: { messageId: result.messageId, to: 'ada@example.com' }, msg: 'mail sent' },
    ]);
  });

  it('rejects when the server refuses the recipient', async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(new Error('no such user'));
      },
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    server = refusing;
    const refusingPort = (refusing.server.address() as AddressInfo).port;
    mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${refusingPort}`,
      from: FROM,
      outboxDir: os.tmpdir(),
      log: recordingLog(),
    });
    await expect(
      mailer.send({ to: 'nobody@example.com', subject: 'x', text: 'y' }),
    ).rejects.toThrow(/no such user/);
  });
});
