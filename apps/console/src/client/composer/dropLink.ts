/**
 * Links dragged onto a chat from another browser tab become page cards ("Send to page").
 * While dragging, browsers reveal only the types of the data, not the data itself, so the kind
 * of drag is decided from the types and the URL is read on drop.
 */

export type DragKind = 'files' | 'link' | null;

/** Files win: dragging a file (or an image with its file) keeps the attach behaviour. */
export function dragKind(types: readonly string[]): DragKind {
  if (types.includes('Files')) return 'files';
  if (types.includes('text/uri-list') || types.includes('text/plain')) return 'link';
  return null;
}

/** An absolute http(s) URL, normalised; null for anything else (mailto:, javascript:, words). */
export function httpUrl(text: string): string | null {
  const candidate = text.trim();
  if (!candidate || /\s/.test(candidate)) return null;
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The page a drop carries: the first URL of a text/uri-list (lines starting with # are
 * comments, per RFC 2483), else text/plain when it is nothing but a URL.
 */
export function droppedUrl(getData: (type: string) => string): string | null {
  const list = getData('text/uri-list');
  if (list) {
    const first = list
      .split(/\r?\n/)
      .map((line) => line.trim())
      .find((line) => line && !line.startsWith('#'));
    const url = first ? httpUrl(first) : null;
    if (url) return url;
  }
  return httpUrl(getData('text/plain'));
}
