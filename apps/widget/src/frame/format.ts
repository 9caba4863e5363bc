import { currentLanguage, strings } from './strings';

/**
 * Dates in the chat's language, in the visitor's own variant of it when the browser has one
 * ("en-GB" writes 14:05, "pt-BR" its own month names), else the plain language.
 */
export function intlLocale(
  language: string = currentLanguage(),
  browser: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): string {
  return browser.find((tag) => tag.split('-')[0]?.toLowerCase() === language) ?? language;
}

let formats: { locale: string; time: Intl.DateTimeFormat; day: Intl.DateTimeFormat } | null = null;

function dateFormats() {
  const locale = intlLocale();
  if (formats?.locale !== locale)
    formats = {
      locale,
      time: new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }),
      day: new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long' }),
    };
  return formats;
}

export function formatTime(d: Date): string {
  return dateFormats().time.format(d);
}

export function formatDay(d: Date, now = new Date()): string {
  const startOf = (x: Date) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
  const diffDays = Math.round((startOf(now) - startOf(d)) / 86_400_000);
  if (diffDays === 0) return strings.today;
  if (diffDays === 1) return strings.yesterday;
  return dateFormats().day.format(d);
}

/** "Ana María López" -> "AL"; used where there is no photo. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}

/** 812 B, 14 KB, 2.4 MB: file sizes as people read them (1 KB = 1024 bytes). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let n = bytes / 1024;
  let i = 0;
  // Past 1000 the next unit reads better ("1 MB" rather than "1010 KB").
  while (n >= 1000 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  const shown = n < 10 ? Math.round(n * 10) / 10 : Math.round(n);
  return `${shown} ${units[i]}`;
}

/** "report.final.pdf" → ["report.final", ".pdf"]: long names are cut before the extension. */
export function splitName(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name.length - dot > 8) return [name, ''];
  return [name.slice(0, dot), name.slice(dot)];
}
