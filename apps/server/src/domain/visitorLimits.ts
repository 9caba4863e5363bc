/**
 * The abuse limits on what visitors do, each counted per visitor (the id the server found for
 * the token) and per client address (the connection's, or X-Forwarded-For behind a trusted
 * proxy). The address limit is looser: an office or a mobile carrier puts many people behind
 * one address. Sessions are counted per address only, since no visitor exists yet.
 */
export const VISITOR_LIMITS = [
  'messages',
  'sessions',
  'tickets',
  'identify',
  'uploads',
  'pageViews',
] as const;

export type VisitorLimitName = (typeof VISITOR_LIMITS)[number];

/** At most `limit` events within `windowMs`. */
export interface Window {
  readonly limit: number;
  readonly windowMs: number;
}

export interface VisitorLimit {
  /** Null: not counted per visitor (sessions). */
  readonly perVisitor: Window | null;
  readonly perAddress: Window;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Far above what a person typing, clicking through a site or filling a form ever does. */
export const DEFAULT_VISITOR_LIMITS: Readonly<Record<VisitorLimitName, VisitorLimit>> = {
  messages: {
    perVisitor: { limit: 20, windowMs: 10 * SECOND },
    perAddress: { limit: 200, windowMs: 10 * SECOND },
  },
  sessions: { perVisitor: null, perAddress: { limit: 100, windowMs: 10 * MINUTE } },
  tickets: {
    perVisitor: { limit: 5, windowMs: HOUR },
    perAddress: { limit: 50, windowMs: HOUR },
  },
  identify: {
    perVisitor: { limit: 60, windowMs: MINUTE },
    perAddress: { limit: 600, windowMs: MINUTE },
  },
  uploads: {
    perVisitor: { limit: 20, windowMs: 10 * MINUTE },
    perAddress: { limit: 200, windowMs: 10 * MINUTE },
  },
  pageViews: {
    perVisitor: { limit: 60, windowMs: MINUTE },
    perAddress: { limit: 600, windowMs: MINUTE },
  },
};

/** Totals of files a visitor may upload: per conversation, and per visitor within a day. */
export interface UploadQuota {
  readonly filesPerConversation: number;
  readonly mbPerConversation: number;
  readonly filesPerDay: number;
  readonly mbPerDay: number;
}

export const DEFAULT_UPLOAD_QUOTA: UploadQuota = {
  filesPerConversation: 50,
  mbPerConversation: 200,
  filesPerDay: 100,
  mbPerDay: 500,
};

export const UPLOAD_QUOTA_DAY_MS = 24 * HOUR;

const UNITS: Record<string, number> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: 24 * HOUR };

/** "20/10s", "100/10m", "5/1h": a count and a window (ms, s, m, h, d); null if malformed. */
export function parseWindow(text: string): Window | null {
  const m = /^\s*(\d{1,9})\s*\/\s*(\d{1,7})\s*(ms|s|m|h|d)\s*$/.exec(text);
  if (!m) return null;
  const limit = Number(m[1]);
  const windowMs = Number(m[2]) * UNITS[m[3]!]!;
  if (limit < 1 || windowMs < 1 || windowMs > 7 * 24 * HOUR) return null;
  return { limit, windowMs };
}

/** The environment variable that sets one side of a limit, e.g. RATE_LIMIT_PAGE_VIEWS_PER_IP. */
export function limitVariable(name: VisitorLimitName, side: 'visitor' | 'address'): string {
  const base = `RATE_LIMIT_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
  return side === 'address' ? `${base}_PER_IP` : base;
}

/** Seconds until a refused request may be tried again: whole seconds, at least one. */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / SECOND));
}
