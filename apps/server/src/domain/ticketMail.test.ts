import { describe, expect, it } from 'vitest';
import { visibleEmailText } from './emailText.js';
import { autoKind, type MailOrigin } from './mailLoops.js';
import { messageIdsIn, replyAddress, replySubject, tokenOf } from './ticketMail.js';

const inbound = { mailbox: 'support', domain: 'help.example.com' };
const token = '0123456789abcdef0123456789abcdef';

describe('reply addresses', () => {
  it('route an answer by its token, only at our domain and mailbox', () => {
    const address = replyAddress(inbound, token);
    expect(address).toBe(`support+t-${token}@help.example.com`);
    expect(tokenOf(address.toUpperCase(), inbound)).toBe(token);
    expect(tokenOf(`support+t-${token}@evil.example`, inbound)).toBeNull();
    expect(tokenOf(`sales+t-${token}@help.example.com`, inbound)).toBeNull();
    expect(tokenOf('support+t-short@help.example.com', inbound)).toBeNull();
    expect(tokenOf('support@help.example.com', inbound)).toBeNull();
  });

  it('reads message ids from threading headers', () => {
    expect(messageIdsIn('<a@x> <b@y>\r\n <a@x>')).toEqual(['a@x', 'b@y']);
    expect(messageIdsIn(undefined)).toEqual([]);
  });

  it('prefixes Re: once', () => {
    expect(replySubject('Broken order', 'Your message')).toBe('Re: Broken order');
    expect(replySubject('RE: Broken order', 'x')).toBe('RE: Broken order');
    expect(replySubject(null, 'Your message')).toBe('Re: Your message');
  });
});

describe('visible email text', () => {
  it('drops the quoted history below an attribution line', () => {
    const text =
      'Thanks, that works!\n\nOn Mon, 3 Mar 2025 at 10:00, Parley Support <support@x.com>\nwrote:\n> Try turning it off and on.\n> Regards';
    expect(visibleEmailText(text)).toBe('Thanks, that works!');
  });

  it('drops a signature and an Outlook quoted header block', () => {
    const text =
      'Still broken.\n-- \nAnn Smith\nACME\n\nFrom: Support <s@x.com>\nSent: Monday\nTo: Ann';
    expect(visibleEmailText(text)).toBe('Still broken.');
    expect(visibleEmailText('Yes.\n\nSent from my iPhone')).toBe('Yes.');
  });

  it('drops trailing > lines but keeps inline quoting answered below', () => {
    expect(visibleEmailText('Ok\n\n> old\n> older\n')).toBe('Ok');
    expect(visibleEmailText('> question?\nanswer')).toBe('> question?\nanswer');
  });

  it('keeps everything when trimming would leave nothing', () => {
    expect(visibleEmailText('> only a quote')).toBe('> only a quote');
  });
});

describe('automatic mail', () => {
  const mail = (headers: Record<string, string>, envelopeFrom = 'ann@example.com'): MailOrigin => ({
    headers: new Map(Object.entries(headers)),
    envelopeFrom,
    from: 'ann@example.com',
  });
  const own = ['parley@help.example.com'];

  it('tells a person from a robot', () => {
    expect(autoKind(mail({}), own)).toBeNull();
    expect(autoKind(mail({ 'auto-submitted': 'no' }), own)).toBeNull();
    expect(autoKind(mail({ 'auto-submitted': 'auto-replied' }), own)).toBe('auto-reply');
    expect(autoKind(mail({ 'x-autoreply': 'yes' }), own)).toBe('auto-reply');
    expect(autoKind(mail({ precedence: 'bulk' }), own)).toBe('bulk');
    expect(autoKind(mail({ precedence: 'junk' }), own)).toBe('bulk');
    expect(autoKind(mail({ 'list-id': '<news.example.com>' }), own)).toBe('bulk');
    expect(autoKind(mail({}, ''), own)).toBe('bounce');
    expect(autoKind(mail({ 'return-path': '<>' }), own)).toBe('bounce');
    expect(autoKind(mail({}, 'MAILER-DAEMON@mx.example.com'), own)).toBe('bounce');
    expect(autoKind(mail({ 'x-parley-loop': 'x' }), own)).toBe('loop');
    expect(autoKind({ ...mail({}), from: 'Parley@help.example.com' }, own)).toBe('loop');
  });
});
