import { createHash, randomBytes, randomFillSync } from 'node:crypto';

/** Time-ordered ids (UUIDv7 layout), so an index over ids follows creation order. */
// Random bytes for ids, drawn from the system's generator a few KB at a time: one
// randomBytes call per id was a synchronous crypto job on every message (~5-10 µs each).
const POOL = Buffer.alloc(4096);
let poolAt = POOL.length;

function randomId16(): Buffer {
  if (poolAt + 16 > POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  // A copy: the pool is overwritten by later ids.
  const bytes = Buffer.from(POOL.subarray(poolAt, poolAt + 16));
  poolAt += 16;
  return bytes;
}

export function newId(now = Date.now()): string {
  const bytes = randomId16();
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** An opaque secret for a client to hold; only its hash is stored. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newSiteKey(): string {
  return `site_${randomBytes(9).toString('base64url')}`;
}
