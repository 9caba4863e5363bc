import net, { type AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';

/** The customer's mail provider: a real SMTP server on 127.0.0.1 receiving what Parley sends. */
export interface CustomerMailbox {
  port: number;
  /** The next message Parley sends; fails naming `what` if none comes in time. */
  next(what: string, timeoutMs?: number): Promise<ParsedMail>;
  /** How many arrived messages nobody took with next() yet. */
  pending(): number;
  stop(): Promise<void>;
}

export async function startCustomerMailbox(): Promise<CustomerMailbox> {
  const arrived: ParsedMail[] = [];
  const waiting: Array<(m: ParsedMail) => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const w = waiting.shift();
          if (w) w(mail);
          else arrived.push(mail);
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    next: (what, timeoutMs = 15_000) =>
      arrived.length > 0
        ? Promise.resolve(arrived.shift()!)
        : new Promise<ParsedMail>((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error(`no mail arrived: ${what} (after ${timeoutMs} ms)`)),
              timeoutMs,
            );
            waiting.push((m) => {
              clearTimeout(timer);
              resolve(m);
            });
          }),
    pending: () => arrived.length,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on now, for the server's inbound SMTP listener. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The customer's mail program answering: one message to Parley's listener over SMTP. */
export async function mailParley(
  port: number,
  mail: { from: string; to: string; subject: string; text: string; inReplyTo?: string },
): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true });
  try {
    await transport.sendMail(mail);
  } finally {
    transport.close();
  }
}
