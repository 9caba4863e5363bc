/**
 * Mail that no person wrote: out-of-office replies, bounces, mailing lists, and Parley's own
 * mail coming back. Such a message may join the ticket it answers (marked), but never starts a
 * ticket and is never answered, so two robots cannot mail each other forever.
 */
export type AutoKind = 'auto-reply' | 'bounce' | 'bulk' | 'loop';

/** The header that marks mail Parley sent; seeing it come in means a loop. */
export const LOOP_HEADER = 'x-parley-loop';

export interface MailOrigin {
  /** Lower-cased header name -> value (first occurrence). */
  headers: ReadonlyMap<string, string>;
  /** The envelope sender (SMTP MAIL FROM); '' for the null sender `<>`. */
  envelopeFrom: string;
  /** The From header's address. */
  from: string | null;
}

const SYSTEM_SENDER = /^(mailer-daemon|postmaster|mail-daemon|no-?reply|bounces?)([+@]|$)/i;

/** What kind of automatic mail this is, or null for mail a person sent. */
export function autoKind(mail: MailOrigin, ownAddresses: readonly string[]): AutoKind | null {
  const h = (name: string) => mail.headers.get(name)?.trim().toLowerCase() ?? '';
  if (mail.headers.has(LOOP_HEADER)) return 'loop';
  const from = mail.from?.toLowerCase() ?? '';
  if (from && ownAddresses.some((a) => a.toLowerCase() === from)) return 'loop';
  // The null sender `<>`: in the envelope, or as the Return-Path a delivering server recorded.
  if (mail.envelopeFrom === '') return 'bounce';
  if (mail.headers.has('return-path') && ['', '<>'].includes(h('return-path'))) return 'bounce';
  if (SYSTEM_SENDER.test(from) || SYSTEM_SENDER.test(mail.envelopeFrom)) return 'bounce';
  if (h('content-type').startsWith('multipart/report')) return 'bounce';
  const submitted = h('auto-submitted');
  if (submitted && submitted !== 'no') return 'auto-reply';
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return 'auto-reply';
  if (/^(bulk|junk|list|auto_reply)$/.test(h('precedence'))) return 'bulk';
  if (mail.headers.has('list-id') || mail.headers.has('list-unsubscribe')) return 'bulk';
  return null;
}
