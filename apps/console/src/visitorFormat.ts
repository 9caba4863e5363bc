import type { LiveVisitor, VisitorLocation } from '@parley/protocol';

/** How the console words what it knows about a visitor: durations, places, clocks, devices. */

/**
 * Time on site, ticking: "0:42", "12:05" under an hour (seconds show the clock is live), then
 * "1h 05m", then "2d 3h".
 */
export function formatTimeOnSite(fromIso: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));
  if (!Number.isFinite(seconds)) return '';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** The same span in words for screen readers: "12 minutes on the site". */
export function describeTimeOnSite(fromIso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 60_000));
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  return hours === 1 ? 'about 1 hour' : `about ${hours} hours`;
}

const clocks = new Map<string, Intl.DateTimeFormat | null>();

function clockFor(timeZone: string): Intl.DateTimeFormat | null {
  if (!clocks.has(timeZone)) {
    try {
      clocks.set(
        timeZone,
        new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone }),
      );
    } catch {
      // The zone comes from the visitor's browser: an unknown name must not break the row.
      clocks.set(timeZone, null);
    }
  }
  return clocks.get(timeZone) ?? null;
}

/** The visitor's wall clock ("21:05", "9:05 PM"), or null when their time zone is unknown or invalid. */
export function formatLocalTime(timeZone: string | null, now: number): string | null {
  if (!timeZone) return null;
  return clockFor(timeZone)?.format(new Date(now)) ?? null;
}

/**
 * How far the visitor's clock is from the agent's, in whole or half hours: "+2h", "−5h30",
 * or "" when they share a clock (so nothing needs saying).
 */
export function localTimeOffset(
  timeZone: string | null,
  now: number,
  hereZone?: string,
): string | null {
  if (!timeZone) return null;
  const minutesOf = (zone: string | undefined): number | null => {
    try {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      }).formatToParts(new Date(now));
      const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
      return (
        Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) / 60_000
      );
    } catch {
      return null;
    }
  };
  const there = minutesOf(timeZone);
  const here = minutesOf(hereZone);
  if (there === null || here === null) return null;
  const diff = Math.round((there - here) / 15) * 15;
  if (diff === 0) return '';
  const sign = diff > 0 ? '+' : '−';
  const abs = Math.abs(diff);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return m === 0 ? `${sign}${h}h` : `${sign}${h}h${String(m).padStart(2, '0')}`;
}

/** The flag of an ISO 3166-1 alpha-2 country ("DE" → 🇩🇪), or "" for anything else. */
export function flagEmoji(country: string | null | undefined): string {
  if (!country || !/^[A-Za-z]{2}$/.test(country)) return '';
  const base = 0x1f1e6 - 'A'.charCodeAt(0); // regional indicator symbol letter A
  const upper = country.toUpperCase();
  return String.fromCodePoint(base + upper.charCodeAt(0), base + upper.charCodeAt(1));
}

let regionNames: Intl.DisplayNames | null | undefined;
let languageNames: Intl.DisplayNames | null | undefined;

/** "Germany" for "DE"; the code itself when the browser has no name for it. */
export function countryName(country: string | null): string | null {
  if (!country) return null;
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(undefined, { type: 'region' });
    } catch {
      regionNames = null;
    }
  }
  try {
    return regionNames?.of(country.toUpperCase()) ?? country;
  } catch {
    return country;
  }
}

/** "German (Germany)" for "de-DE"; the tag itself when it is not one the browser knows. */
export function languageName(tag: string | null): string | null {
  if (!tag) return null;
  if (languageNames === undefined) {
    try {
      languageNames = new Intl.DisplayNames(undefined, { type: 'language' });
    } catch {
      languageNames = null;
    }
  }
  try {
    return languageNames?.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** "Berlin, Germany" / "Germany" / null: the place in words, most precise first. */
export function placeLabel(location: VisitorLocation): string | null {
  const country = countryName(location.country);
  const parts = [location.city, location.city ? null : location.region, country].filter(
    (p): p is string => Boolean(p),
  );
  return parts.length > 0 ? parts.join(', ') : null;
}

/** "Chrome on Windows", "Safari", "iOS", or null when nothing is known. */
export function deviceLabel(device: LiveVisitor['device']): string | null {
  const { browser, os } = device;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? null;
}

/** The host a visitor came from ("google.com"), or the text as given when it is no URL. */
export function referrerLabel(referrer: string | null): string | null {
  if (!referrer) return null;
  try {
    const url = new URL(referrer);
    return url.hostname.replace(/^www\./, '') || referrer;
  } catch {
    return referrer;
  }
}

/** A page for a list: its title, else its path, else the URL as given. */
export function pageLabel(page: { url: string; title: string }): string {
  const title = page.title.trim();
  if (title) return title;
  try {
    const url = new URL(page.url);
    return `${url.hostname}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return page.url;
  }
}

/** Only http(s) pages become links: a javascript: URL from a visitor's browser must never run. */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** How the console names a visitor: their name once known, else the generated code. */
export function liveVisitorLabel(v: Pick<LiveVisitor, 'name' | 'code'>): string {
  return v.name?.trim() || v.code;
}
