/**
 * Messages between loader.js (in the host page) and the widget frame, over postMessage.
 * Both ends pin the target origin and check `event.origin`; these guards validate the shape.
 * This module has no dependencies so that loader.js stays tiny.
 */
export const BRIDGE_TAG = 'parley';

export type HostToFrame =
  | { tag: typeof BRIDGE_TAG; type: 'open' }
  | { tag: typeof BRIDGE_TAG; type: 'close' }
  | { tag: typeof BRIDGE_TAG; type: 'page'; url: string; title: string }
  /**
   * Sent after 'ready': the visitor token (the loader owns it, in the host page's storage, so
   * page views are reported without the frame) and the language set by `Parley.setLanguage`
   * (null: the site's override, else the browser's).
   */
  | { tag: typeof BRIDGE_TAG; type: 'init'; token: string; language: string | null }
  | { tag: typeof BRIDGE_TAG; type: 'language'; language: string | null };

/** What the host page learns of a message for `Parley.on('message', fn)`: no internal fields. */
export interface BridgeMessage {
  id: string;
  author: 'visitor' | 'agent' | 'system';
  authorName: string | null;
  body: string;
  createdAt: string;
}

export type FrameToHost =
  | { tag: typeof BRIDGE_TAG; type: 'ready' }
  | { tag: typeof BRIDGE_TAG; type: 'close' }
  | { tag: typeof BRIDGE_TAG; type: 'unread'; count: number }
  /** Whether the visitor has an open conversation: the loader then loads the frame eagerly. */
  | { tag: typeof BRIDGE_TAG; type: 'active'; active: boolean }
  | { tag: typeof BRIDGE_TAG; type: 'hidden'; hidden: boolean }
  /** A new message arrived or was sent: the loader emits the page's 'message' event. */
  | { tag: typeof BRIDGE_TAG; type: 'message'; message: BridgeMessage }
  /** The agent sent the visitor to a page ("Send to page"); the loader goes there if same-origin. */
  | { tag: typeof BRIDGE_TAG; type: 'navigate'; url: string }
  /** The frame wants to be shown (a proactive invitation arrived). */
  | { tag: typeof BRIDGE_TAG; type: 'open' };

/** A short BCP 47 tag such as "fr" or "pt-BR", or null. */
function isLanguage(v: unknown): v is string | null {
  return v === null || (typeof v === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v));
}

function isTagged(v: unknown): v is { tag: string; type: unknown } {
  return typeof v === 'object' && v !== null && (v as { tag?: unknown }).tag === BRIDGE_TAG;
}

export function parseHostToFrame(v: unknown): HostToFrame | null {
  if (!isTagged(v)) return null;
  const m = v as Record<string, unknown>;
  switch (m.type) {
    case 'open':
    case 'close':
      return { tag: BRIDGE_TAG, type: m.type };
    case 'page':
      return typeof m.url === 'string' && typeof m.title === 'string' && m.url.length < 4096
        ? { tag: BRIDGE_TAG, type: 'page', url: m.url, title: m.title.slice(0, 512) }
        : null;
    case 'init':
      return typeof m.token === 'string' && m.token.length < 200 && isLanguage(m.language)
        ? { tag: BRIDGE_TAG, type: 'init', token: m.token, language: m.language }
        : null;
    case 'language':
      return isLanguage(m.language)
        ? { tag: BRIDGE_TAG, type: 'language', language: m.language }
        : null;
    default:
      return null;
  }
}

export function parseFrameToHost(v: unknown): FrameToHost | null {
  if (!isTagged(v)) return null;
  const m = v as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'close':
    case 'open':
      return { tag: BRIDGE_TAG, type: m.type };
    case 'navigate':
      return typeof m.url === 'string' && m.url.length < 4096 && /^https?:\/\//i.test(m.url)
        ? { tag: BRIDGE_TAG, type: 'navigate', url: m.url }
        : null;
    case 'message': {
      const msg = m.message as Record<string, unknown> | null;
      if (typeof msg !== 'object' || msg === null) return null;
      const { id, author, authorName, body, createdAt } = msg;
      return typeof id === 'string' &&
        (author === 'visitor' || author === 'agent' || author === 'system') &&
        (authorName === null || typeof authorName === 'string') &&
        typeof body === 'string' &&
        typeof createdAt === 'string'
        ? {
            tag: BRIDGE_TAG,
            type: 'message',
            message: { id, author, authorName, body, createdAt },
          }
        : null;
    }
    case 'unread':
      return Number.isInteger(m.count) && (m.count as number) >= 0
        ? { tag: BRIDGE_TAG, type: 'unread', count: m.count as number }
        : null;
    case 'active':
      return typeof m.active === 'boolean'
        ? { tag: BRIDGE_TAG, type: 'active', active: m.active }
        : null;
    case 'hidden':
      return typeof m.hidden === 'boolean'
        ? { tag: BRIDGE_TAG, type: 'hidden', hidden: m.hidden }
        : null;
    default:
      return null;
  }
}
