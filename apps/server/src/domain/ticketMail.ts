/**
 * How email finds its ticket. Each ticket has a random reply token; replies go out with
 * Reply-To `<mailbox>+t-<token>@<domain>`, so the customer's answer names its ticket. A reply
 * whose mail program dropped that address still threads by In-Reply-To / References naming a
 * Message-ID Parley sent. The sender's address alone never decides: anyone can type it.
 */

export interface InboundAddress {
  /** The local part of the support address ("support"). */
  mailbox: string;
  domain: string;
}

const TOKEN = /^[a-f0-9]{32}$/;

export function replyAddress(inbound: InboundAddress, token: string): string {
  return `${inbound.mailbox}+t-${token}@${inbound.domain}`;
}

/** The reply token in one recipient address, if it is a ticket address of this mailbox. */
export function tokenOf(address: string, inbound: InboundAddress): string | null {
  const at = address.lastIndexOf('@');
  if (at < 1) return null;
  const local = address.slice(0, at).toLowerCase();
  const domain = address.slice(at + 1).toLowerCase();
  if (domain !== inbound.domain.toLowerCase()) return null;
  const prefix = `${inbound.mailbox.toLowerCase()}+t-`;
  if (!local.startsWith(prefix)) return null;
  const token = local.slice(prefix.length);
  return TOKEN.test(token) ? token : null;
}

/** Whether an envelope recipient is this mailbox (plain or with a +tag) at the inbound domain. */
export function isOurMailbox(address: string, inbound: InboundAddress): boolean {
  const at = address.lastIndexOf('@');
  if (at < 1) return false;
  const local = address.slice(0, at).toLowerCase();
  if (address.slice(at + 1).toLowerCase() !== inbound.domain.toLowerCase()) return false;
  const mailbox = inbound.mailbox.toLowerCase();
  return local === mailbox || local.startsWith(`${mailbox}+`);
}

/** The message ids an In-Reply-To or References header names, without angle brackets. */
export function messageIdsIn(header: string | null | undefined): string[] {
  if (!header) return [];
  const ids = [...header.matchAll(/<([^<>\s]{1,250})>/g)].map((m) => m[1]!);
  return [...new Set(ids)].slice(-50);
}

/** "Re: subject" once, however many times it was answered. */
export function replySubject(subject: string | null, fallback: string): string {
  const base = (subject ?? '').trim() || fallback;
  return /^(re|aw|sv|antw)\s*:/i.test(base) ? base : `Re: ${base}`;
}
