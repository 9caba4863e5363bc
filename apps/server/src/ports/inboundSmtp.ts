import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** One message as the listener received it: its bytes and its envelope. */
export interface ReceivedMail {
  raw: Buffer;
  /** '' for the null sender `<>` (bounces). */
  mailFrom: string;
  rcptTo: string[];
}

export interface InboundSmtpOptions {
  port: number;
  host: string;
  /** Largest message accepted, in bytes; larger ones are refused with 552. */
  maxBytes: number;
  /** Whether mail for this recipient is ours; others are refused with 550 (no relaying). */
  accepts(recipient: string): boolean;
  /** Stores the message; a throw makes the sender retry later (451). */
  deliver(mail: ReceivedMail): Promise<void>;
  log: { info(o: object, msg: string): void; warn(o: object, msg: string): void };
}

export interface InboundSmtp {
  readonly port: number;
  close(): Promise<void>;
}

const MAX_RECIPIENTS = 50;

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * An SMTP listener for the MX or forwarding rule to deliver support mail to. It receives only
 * (no relaying, no sign-in); TLS, if wanted, is the job of a relay in front of it.
 */
export async function startInboundSmtp(opts: InboundSmtpOptions): Promise<InboundSmtp> {
  const server = new SMTPServer({
    name: 'parley',
    banner: 'Parley ticket mail',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: opts.maxBytes,
    maxClients: 100,
    // At shutdown a sender still connected is cut off after this long; it retries elsewhere or later.
    closeTimeout: 2000,
    logger: false,
    onRcptTo(address, session, callback) {
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS)
        return callback(smtpError(452, 'Too many recipients'));
      if (!opts.accepts(address.address))
        return callback(smtpError(550, `No mailbox here by that name: ${address.address}`));
      callback();
    },
    onData(stream, session, callback) {
      collect(stream, opts.maxBytes).then(
        (raw) => {
          if (stream.sizeExceeded)
            return callback(
              smtpError(552, `Message too large: the limit is ${opts.maxBytes} bytes`),
            );
          opts.deliver(envelopeOf(raw, session)).then(
            () => callback(),
            (err: unknown) => {
              opts.log.warn({ err }, 'inbound mail not stored; the sender will retry');
              callback(smtpError(451, 'Temporary failure storing the message; try again later'));
            },
          );
        },
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    },
  });
  server.on('error', (err) => opts.log.warn({ err }, 'inbound SMTP connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  opts.log.info({ port, host: opts.host }, 'inbound SMTP listening');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Reads the message, keeping at most `max` bytes (the rest only counted, then refused). */
function collect(stream: SMTPServerDataStream, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

function envelopeOf(raw: Buffer, session: SMTPServerSession): ReceivedMail {
  const from = session.envelope.mailFrom;
  return {
    raw,
    mailFrom: from ? from.address : '',
    rcptTo: session.envelope.rcptTo.map((r) => r.address),
  };
}
