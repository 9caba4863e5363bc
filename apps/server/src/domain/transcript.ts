/**
 * The chat transcript a visitor can have emailed: plain text plus a simple HTML version.
 * Private notes never appear, whatever the caller passes: agents write them for each other.
 */
import type { SystemEvent, WidgetLanguage } from '@parley/protocol';
import { escapeHtml } from '../html.js';
import { fill, transcriptWords, type TranscriptWords } from './transcriptStrings.js';

export interface TranscriptMessage {
  authorType: 'visitor' | 'agent' | 'system';
  authorName: string | null;
  body: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  visibility: 'public' | 'private';
  /** `url`: where the file can be fetched (agents' transcripts link their files). */
  attachments?: Array<{ name: string; url?: string }>;
  /** A system line's event: said in the mail's language (the body is English). */
  system?: SystemEvent;
}

export interface TranscriptInput {
  siteName: string;
  visitorLabel: string;
  /** In the order they were sent. */
  messages: TranscriptMessage[];
  /** IANA zone for the times shown; null, missing or unknown: UTC. */
  timeZone?: string | null;
  /** The visitor's language; English when missing. */
  language?: WidgetLanguage | null;
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]+/g;

/** A header value on one line: a site name must not be able to add headers to the email. */
function oneLine(value: string): string {
  return value.replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
}

function validZone(zone: string | null | undefined): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

interface Line {
  kind: 'visitor' | 'agent' | 'system';
  day: string;
  time: string;
  name: string;
  body: string;
  attachments: Array<{ name: string; url: string | null }>;
}

function lines(input: TranscriptInput, zone: string, words: TranscriptWords): Line[] {
  const locale = input.language ?? 'en-GB';
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  });
  const day = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: zone,
  });
  return input.messages
    .filter((m) => m.visibility === 'public')
    .map((m) => ({
      kind: m.authorType,
      day: day.format(m.createdAt),
      time: time.format(m.createdAt),
      name:
        m.authorType === 'visitor'
          ? words.you
          : m.authorType === 'agent'
            ? oneLine(m.authorName ?? '') || words.agent
            : '',
      body: m.system
        ? fill(words.system[m.system.event], m.system.name ?? words.agent)
        : m.body.replace(/\r\n?/g, '\n').trim(),
      attachments: (m.attachments ?? []).map((a) => ({
        name: oneLine(a.name) || 'file',
        url: a.url && /^https?:\/\//.test(a.url) ? oneLine(a.url) : null,
      })),
    }))
    .filter((l) => l.body !== '' || l.attachments.length > 0);
}

function renderText(
  title: string,
  input: TranscriptInput,
  zone: string,
  all: Line[],
  words: TranscriptWords,
): string {
  const out = [title, fill(words.header, oneLine(input.visitorLabel)), fill(words.times, zone)];
  let day = '';
  for (const line of all) {
    if (line.day !== day) {
      day = line.day;
      out.push('', `— ${day} —`);
    }
    out.push('');
    // Continuation lines line up under the first, after "[HH:MM] ".
    const body = line.body.replace(/\n/g, '\n        ');
    if (line.kind === 'system') out.push(`[${line.time}] (${body})`);
    else out.push(`[${line.time}] ${line.name}:${body === '' ? '' : ` ${body}`}`);
    for (const a of line.attachments)
      out.push(`        ${words.attachment}: ${a.name}${a.url ? ` <${a.url}>` : ''}`);
  }
  if (all.length === 0) out.push('', words.empty);
  return `${out.join('\n')}\n`;
}

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

function paragraphs(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>');
}

function renderHtml(
  title: string,
  input: TranscriptInput,
  zone: string,
  all: Line[],
  words: TranscriptWords,
): string {
  const parts: string[] = [];
  let day = '';
  for (const line of all) {
    if (line.day !== day) {
      day = line.day;
      parts.push(
        `<p style="margin:24px 0 12px;text-align:center;color:#8a8a8a;font-size:12px;text-transform:uppercase;letter-spacing:.06em">${escapeHtml(day)}</p>`,
      );
    }
    const files = line.attachments
      .map(
        (a) =>
          `<div style="margin-top:6px;font-size:13px;color:#555">${escapeHtml(words.attachment)}: ${
            a.url
              ? `<a href="${escapeHtml(a.url)}" style="color:#1c7ed6">${escapeHtml(a.name)}</a>`
              : escapeHtml(a.name)
          }</div>`,
      )
      .join('');
    if (line.kind === 'system') {
      parts.push(
        `<p style="margin:10px 0;text-align:center;color:#8a8a8a;font-size:13px">${paragraphs(line.body)} · ${escapeHtml(line.time)}</p>`,
      );
      continue;
    }
    const background = line.kind === 'visitor' ? '#eef3ee' : '#f4f4f4';
    parts.push(
      `<div style="margin:0 0 12px;padding:10px 14px;border-radius:10px;background:${background}">` +
        `<div style="font-size:12px;color:#777;margin-bottom:4px"><strong style="color:#222">${escapeHtml(line.name)}</strong> · ${escapeHtml(line.time)}</div>` +
        (line.body === ''
          ? ''
          : `<div style="font-size:15px;line-height:1.5;color:#222">${paragraphs(line.body)}</div>`) +
        files +
        `</div>`,
    );
  }
  if (all.length === 0) parts.push(`<p style="color:#8a8a8a">${escapeHtml(words.empty)}</p>`);
  const language = input.language ?? 'en';

  return `<!doctype html>
<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px 12px;background:#f7f7f5;${FONT}">
<div style="max-width:600px;margin:0 auto;background:#ffffff;border-radius:12px;padding:24px">
<h1 style="margin:0 0 4px;font-size:20px;color:#222">${escapeHtml(title)}</h1>
<p style="margin:0 0 8px;font-size:13px;color:#777">${escapeHtml(fill(words.header, oneLine(input.visitorLabel)))} · ${escapeHtml(fill(words.times, zone))}</p>
${parts.join('\n')}
</div>
</body>
</html>
`;
}

export function renderTranscript(input: TranscriptInput): {
  subject: string;
  text: string;
  html: string;
} {
  const zone = validZone(input.timeZone);
  const words = transcriptWords[input.language ?? 'en'];
  const subject = fill(words.subject, oneLine(input.siteName));
  const all = lines(input, zone, words);
  return {
    subject,
    text: renderText(subject, input, zone, all, words),
    html: renderHtml(subject, input, zone, all, words),
  };
}
