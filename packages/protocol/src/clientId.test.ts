import { describe, expect, it } from 'vitest';
import { newClientId } from './clientId.js';
import { ClientId } from './ids.js';

describe('newClientId', () => {
  it('passes the protocol ClientId rule and does not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newClientId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(ClientId.safeParse(id).success).toBe(true);
  });
});
