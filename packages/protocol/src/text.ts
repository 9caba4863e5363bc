/**
 * Text rules shared by server and both clients, with no dependencies (the widget bundles
 * this). Nothing here produces markup: links come back as segments that a client renders as
 * text nodes and anchors it builds itself.
 */

/** Text emoticons and the emoji they become; longest first so ":-)" wins over ":)". */
const FACES: Array<[string, string]> = [
  [':-)', '🙂'],
  [':)', '🙂'],
  [':-D', '😀'],
  [':D', '😀'],
  [';-)', '😉'],
  [';)', '😉'],
  [':-(', '🙁'],
  [':(', '🙁'],
  [":'(", '😢'],
  [':-P', '😛'],
  [':P', '😛'],
  [':-p', '😛'],
  [':p', '😛'],
  [':-O', '😮'],
  [':O', '😮'],
  [':-o', '😮'],
  [':o', '😮'],
  ['<3', '❤️'],
  ['(y)', '👍'],
  ['(n)', '👎'],
  ['8-)', '😎'],
  [':-|', '😐'],
  [':|', '😐'],
];
export const EMOTICONS: ReadonlyArray<readonly [string, string]> = [...FACES].sort(
  (a, b) => b[0].length - a[0].length,
);

const NOSMILE = '/nosmile';
const SMILE = '/smile';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// An emoticon counts only between whitespace (or the ends), so "http://x" or "a:b" stay as typed.
const emoticonPattern = new RegExp(
  `(^|\\s)(${EMOTICONS.map(([t]) => escapeRegExp(t)).join('|')})(?=$|\\s|[.,!?])`,
  'g',
);
const emojiOf = new Map(EMOTICONS);

function convertRun(text: string): string {
  return text.replace(
    emoticonPattern,
    (_m, lead: string, face: string) => lead + (emojiOf.get(face) ?? face),
  );
}

/**
 * Converts text emoticons to emoji as a message is sent. `/nosmile` switches conversion off
 * for the rest of the message and `/smile` back on; neither key is kept in the text.
 */
export function convertEmoticons(body: string): string {
  const parts = body.split(/(\/nosmile|\/smile)/);
  let on = true;
  let afterKey = false;
  let out = '';
  for (const part of parts) {
    if (part === NOSMILE || part === SMILE) {
      on = part === SMILE;
      afterKey = true;
      continue;
    }
    // The space that separated a key from the text goes with the key.
    const text = afterKey ? part.replace(/^[ \t]/, '') : part;
    afterKey = false;
    out += on ? convertRun(text) : text;
  }
  return out;
}

export type TextSegment =
  | { type: 'text'; text: string }
  | { type: 'link'; text: string; href: string }
  | { type: 'email'; text: string; href: string };

const linkPattern =
  /\b((?:https?:\/\/|www\.)[^\s<>"']+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

/** Trailing punctuation belongs to the sentence, not the URL. */
function trimUrl(url: string): string {
  let u = url;
  while (/[.,!?;:)\]}]$/.test(u)) {
    const last = u[u.length - 1];
    if (last === ')' && (u.match(/\(/g)?.length ?? 0) >= (u.match(/\)/g)?.length ?? 0)) break;
    u = u.slice(0, -1);
  }
  return u;
}

/**
 * Splits text into plain runs and links (http, https, www., email). Only http(s) and mailto
 * hrefs are ever produced, so a `javascript:` or data URL stays plain text.
 */
export function linkify(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(linkPattern)) {
    const raw = m[0];
    const start = m.index ?? 0;
    const isEmail = !/^(https?:\/\/|www\.)/i.test(raw);
    const token = isEmail ? raw : trimUrl(raw);
    if (start > last) out.push({ type: 'text', text: text.slice(last, start) });
    if (isEmail) out.push({ type: 'email', text: token, href: `mailto:${token}` });
    else
      out.push({
        type: 'link',
        text: token,
        href: /^www\./i.test(token) ? `https://${token}` : token,
      });
    last = start + token.length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out;
}

/**
 * Explicit bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
 * In a name or file name a visitor chose they only disguise text: "\u202Egnp.exe" shows as
 * "exe.png". Right-to-left writing needs none of them; the characters keep their own direction.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** The text without explicit bidirectional controls (see BIDI_CONTROLS). */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
