import type { MessagePreview } from '@parley/protocol';

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndClock = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** "14:05": message times, where the day is obvious from context. */
export function formatClock(iso: string): string {
  return clock.format(new Date(iso));
}

/** "14:05" today, "3 Mar, 14:05" on other days. */
export function formatDateTime(iso: string, now = Date.now()): string {
  const date = new Date(iso);
  return date.toDateString() === new Date(now).toDateString()
    ? clock.format(date)
    : dayAndClock.format(date);
}

/** Compact elapsed time for lists: "now", "4m", "1h 05m", "2d". */
export function formatElapsed(fromIso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 60_000));
  if (minutes < 1) return 'now';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d`;
}

/** The same span in words, for screen readers and tooltips: "waiting 4 minutes". */
export function describeElapsed(fromIso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 60_000));
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  return hours === 1 ? 'about 1 hour' : `about ${hours} hours`;
}

/** A list row's preview; held messages also know which agent wrote them and whether privately. */
export interface ChatPreview extends MessagePreview {
  /** Set for agent lines we hold: the author's name when it is a colleague, null when it is me. */
  colleague?: string | null;
  private?: boolean;
}

/** One line of a message for a list row: whitespace collapsed, who wrote agent lines marked. */
export function previewLine(preview: ChatPreview | null): string {
  if (!preview) return 'No messages yet';
  const text = preview.body.replace(/\s+/g, ' ').trim();
  if (preview.authorType !== 'agent') return text;
  const who = preview.colleague ?? 'You';
  return `${who}${preview.private ? ' (private)' : ''}: ${text}`;
}

/** "0:24", "1:05": a short countdown in minutes and seconds. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
