import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Threading and routing of ticket replies; ids without angle brackets. */
  thread?: {
    messageId: string;
    inReplyTo: string | null;
    references: readonly string[];
    /** Where the customer's answer should go (the ticket's own address). */
    replyTo: string | null;
    /** Marks mail Parley sent, so it is recognised should it come back in. */
    loopMark: string;
  };
}

/** Sends email. Without SMTP configured, messages land as .eml files in an outbox folder. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string; file?: string }>;
}

/** What createMailer returns: close() drops SMTP connections at shutdown. */
export interface ClosableMailer extends Mailer {
  close(): void;
}

export interface MailerOptions {
  /** e.g. "smtp://user:pass@mail.example:587" or "smtps://..."; unset: write to the outbox. */
  smtpUrl?: string;
  from: string;
  outboxDir: string;
  log: { info(o: object, msg: string): void };
}

/** "2024-03-15T10-30-00-123Z": sortable, and valid in file names on every platform. */
function timestampForFile(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** Field by field, so nothing but these reaches the message (no caller-chosen "from"). */
function message(from: string, mail: OutgoingMail) {
  const { to, subject, text, html, thread } = mail;
  const base = html === undefined ? { from, to, subject, text } : { from, to, subject, text, html };
  if (!thread) return base;
  const angle = (id: string) => `<${id}>`;
  return {
    ...base,
    messageId: angle(thread.messageId),
    ...(thread.inReplyTo ? { inReplyTo: angle(thread.inReplyTo) } : {}),
    ...(thread.references.length ? { references: thread.references.map(angle) } : {}),
    ...(thread.replyTo ? { replyTo: thread.replyTo } : {}),
    headers: { 'X-Parley-Loop': thread.loopMark },
  };
}

function createSmtpMailer(opts: MailerOptions & { smtpUrl: string }): ClosableMailer {
  const transport = nodemailer.createTransport(opts.smtpUrl);
  return {
    async send(mail) {
      const info = await transport.sendMail(message(opts.from, mail));
      opts.log.info({ messageId: info.messageId, to: mail.to }, 'mail sent');
      return { messageId: info.messageId };
    },
    close() {
      transport.close();
    },
  };
}

function createOutboxMailer(opts: MailerOptions): ClosableMailer {
  // Builds the exact RFC 822 message an SMTP server would receive, without sending it.
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  return {
    async send(mail) {
      const info = await transport.sendMail(message(opts.from, mail));
      await fs.promises.mkdir(opts.outboxDir, { recursive: true });
      const name = `${timestampForFile(new Date())}-${crypto.randomBytes(6).toString('hex')}.eml`;
      const file = path.join(opts.outboxDir, name);
      // Written under a name no reader looks for, then renamed: a reader never sees half a file.
      const temp = path.join(opts.outboxDir, `.${name}.tmp`);
      try {
        await fs.promises.writeFile(temp, info.message as Buffer, { flag: 'wx' });
        await fs.promises.rename(temp, file);
      } catch (err) {
        await fs.promises.rm(temp, { force: true });
        throw err;
      }
      opts.log.info({ file, messageId: info.messageId, to: mail.to }, 'mail written to outbox');
      return { messageId: info.messageId, file };
    },
    close() {
      transport.close();
    },
  };
}

export function createMailer(opts: MailerOptions): ClosableMailer {
  return opts.smtpUrl
    ? createSmtpMailer({ ...opts, smtpUrl: opts.smtpUrl })
    : createOutboxMailer(opts);
}
