const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/**
 * A random id for one send (21 chars of [A-Za-z0-9_-], 126 bits). The server stores a message
 * once per (conversation, clientId), so retrying with the same id can never duplicate it.
 */
export function newClientId(length = 21): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let id = '';
  for (const b of bytes) id += ALPHABET[b & 63];
  return id;
}
