/**
 * Messages between loader.js (in the host page) and the widget frame, over postMessage.
 * Both ends pin the target origin and check `event.origin`; these guards validate the shape.
 * This module has no dependencies so that loader.js stays tiny.
 */
export const BRIDGE_TAG = 'parley';

export type HostToFrame =
  | { tag: typeof BRIDGE_TAG; type: 'open' }
  | { tag: typeof BRIDGE_TAG; type: 'close' }
  | { tag: typeof BRIDGE_TAG; type: 'page'; url: string; title: string };

export type FrameToHost =
  | { tag: typeof BRIDGE_TAG; type: 'ready' }
  | { tag: typeof BRIDGE_TAG; type: 'close' }
  | { tag: typeof BRIDGE_TAG; type: 'unread'; count: number }
  /** Whether the visitor has an open conversation: the loader then loads the frame eagerly. */
  | { tag: typeof BRIDGE_TAG; type: 'active'; active: boolean }
  | { tag: typeof BRIDGE_TAG; type: 'hidden'; hidden: boolean };

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
      return { tag: BRIDGE_TAG, type: m.type };
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
