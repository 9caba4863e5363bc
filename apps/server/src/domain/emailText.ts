/**
 * The part of an email reply worth showing in the ticket: what the customer wrote, without the
 * history their mail program quoted below (or above) it and without their signature. The full
 * original is kept beside it; this only decides what the thread shows.
 */

/** Lines that introduce the quoted previous message, in the languages the widget speaks. */
const ATTRIBUTION = [
  /^on\b.{0,300}\bwrote:?$/i,
  /^le\b.{0,300}\ba écrit\s?:?$/i,
  /^am\b.{0,300}\bschrieb.{0,80}:?$/i,
  /^el\b.{0,300}\bescribió:?$/i,
  /^em\b.{0,300}\bescreveu:?$/i,
  /^.{0,300}\bпишет:?$/i,
  /^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|mensagem original)\s*-{2,}$/i,
  /^_{10,}$/,
];

/** A header block of a forwarded or Outlook-quoted message: "From: ..." then "Sent:"/"Date:". */
const QUOTED_HEADER = /^(from|von|de|от)\s*:\s*\S/i;
const QUOTED_HEADER_NEXT = /^(sent|date|gesendet|envoyé|enviado|to|an|à|para|subject)\s*:/i;

/** Where a signature starts: the "-- " delimiter, or a mobile client's one-liner. */
const SIGNATURE = [
  /^-- ?$/,
  /^sent from my \w+/i,
  /^get outlook for \w+/i,
  /^envoyé de mon \w+/i,
  /^von meinem \w+ gesendet/i,
  /^enviado desde mi \w+/i,
];

/** Joins an attribution a mail program wrapped over two lines ("On Mon, ... Ann <a@b>\nwrote:"). */
function attributionAt(lines: readonly string[], i: number): boolean {
  const line = lines[i]!.trim();
  if (ATTRIBUTION.some((r) => r.test(line))) return true;
  const next = lines[i + 1]?.trim();
  return next !== undefined && ATTRIBUTION.some((r) => r.test(`${line} ${next}`));
}

function quotedHeaderAt(lines: readonly string[], i: number): boolean {
  if (!QUOTED_HEADER.test(lines[i]!.trim())) return false;
  return lines.slice(i + 1, i + 4).some((l) => QUOTED_HEADER_NEXT.test(l.trim()));
}

/** Index of the first line of quoted history, or lines.length if there is none. */
function historyStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    // A block of "> " lines that runs to the end (only blank lines after it) is history.
    if (lines[i]!.startsWith('>') && lines.slice(i).every((l) => l.startsWith('>') || !l.trim()))
      return i;
    if (attributionAt(lines, i) || quotedHeaderAt(lines, i)) return i;
  }
  return lines.length;
}

function signatureStart(lines: readonly string[]): number {
  const at = lines.findIndex((l) => SIGNATURE.some((r) => r.test(l.trimEnd())));
  return at === -1 ? lines.length : at;
}

/**
 * The shown text of an email body. Falls back to the whole text when trimming would leave
 * nothing (someone who only forwarded a message, or typed below a quote they kept).
 */
export function visibleEmailText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept = lines.slice(0, historyStart(lines));
  const body = kept.slice(0, signatureStart(kept));
  const shown = body.join('\n').trim();
  return shown || text.trim();
}
