import { isOurMailbox } from '../../domain/ticketMail.js';
import { startInboundSmtp, type InboundSmtp } from '../../ports/inboundSmtp.js';
import type { Deps } from '../deps.js';
import { receiveEmail } from './receiveEmail.js';

/**
 * Starts the SMTP listener when INBOUND_SMTP_PORT is set (null otherwise). Every node of a
 * cluster may listen: each message is stored in one transaction, and one delivered twice is
 * stored once.
 */
export async function startInboundMail(deps: Deps): Promise<InboundSmtp | null> {
  const { port, host, maxBytes, domain, mailbox } = deps.config.inbound;
  if (port === null || domain === null) return null;
  return startInboundSmtp({
    port,
    host,
    maxBytes,
    accepts: (recipient) => isOurMailbox(recipient, { domain, mailbox }),
    deliver: async (mail) => {
      const result = await receiveEmail(deps, mail);
      deps.log.info({ ...result, from: mail.mailFrom }, 'inbound mail');
    },
    log: deps.log,
  });
}
