import { describe, expect, it } from 'vitest';
import { newClientId } from './clientId';

describe('newClientId', () => {
  it('matches the protocol ClientId rule and does not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newClientId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  });
});
