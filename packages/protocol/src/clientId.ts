const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/**
 * A fresh id for one send, made by the client (widget or console): 21 characters of
 * [A-Za-z0-9_-], 126 random bits. The server stores a message once per (conversation,
 * clientId), so a retry with the same id can never duplicate it.
 */
export function newClientId(length = 21): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let id = '';
  // 64 divides 256, so masking keeps every symbol equally likely.
  for (const b of bytes) id += ALPHABET[b & 63];
  return id;
}
