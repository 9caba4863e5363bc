import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';

/** A message the test receiver got, parsed, with its envelope. */
export interface CaughtMail {
  parsed: ParsedMail;
  rcptTo: string[];
  /** A header as written, e.g. header('reply-to'). */
  header(name: string): string | undefined;
}

/**
 * A real SMTP server standing in for the customer's mail provider: it receives what Parley
 * sends through SMTP_URL, so tests see the message exactly as it travelled.
 */
export interface MailReceiver {
  port: number;
  url: string;
  received: CaughtMail[];
  /** The next message not yet taken (or one already waiting); fails naming what never came. */
  next(what: string, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

export async function startMailReceiver(): Promise<MailReceiver> {
  const received: CaughtMail[] = [];
  let taken = 0;
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const rcptTo = session.envelope.rcptTo.map((r) => r.address);
          received.push({
            parsed,
            rcptTo,
            header: (name) => {
              const line = parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
              return line?.slice(line.indexOf(':') + 1).trim();
            },
          });
          for (const w of waiters.splice(0)) w();
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    next(what, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const take = () => {
          if (taken >= received.length) return false;
          clearTimeout(timer);
          resolve(received[taken++]!);
          return true;
        };
        const timer = setTimeout(
          () => reject(new Error(`no mail arrived: ${what} (after ${timeoutMs} ms)`)),
          timeoutMs,
        );
        const wait = () => {
          if (!take()) waiters.push(wait);
        };
        wait();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a customer's mail program sends: any headers, any envelope, over real SMTP. */
export interface OutgoingTestMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  /** The envelope sender; '' for the null sender of a bounce. */
  envelopeFrom?: string;
  messageId?: string;
  attachments?: Array<{ filename: string; content: Buffer }>;
}

/** Sends one message to Parley's inbound listener with nodemailer, as a customer's server would. */
export async function sendToParley(port: number, mail: OutgoingTestMail): Promise<void> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
      ...(mail.references ? { references: mail.references } : {}),
      ...(mail.headers ? { headers: mail.headers } : {}),
      ...(mail.messageId ? { messageId: mail.messageId } : {}),
      ...(mail.attachments ? { attachments: mail.attachments } : {}),
      ...(mail.envelopeFrom !== undefined
        ? { envelope: { from: mail.envelopeFrom, to: mail.to } }
        : {}),
    });
  } finally {
    transport.close();
  }
}
