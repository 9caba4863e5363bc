const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/**
 * A fresh id for one send. Retries reuse it so the server stores the message once; 21 random
 * characters from a 64-symbol alphabet make a collision across all sends practically impossible.
 */
export function newClientId(length = 21): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let id = '';
  // 64 divides 256, so masking keeps every symbol equally likely.
  for (const b of bytes) id += ALPHABET[b & 63];
  return id;
}
