import { describe, expect, it } from 'vitest';
import { samePerson, vouchedEmail } from './returning.js';

const visitor = (id: string, email: string | null, verified: Record<string, string> = {}) => ({
  id,
  name: null,
  email,
  attributes: '{}',
  verified: JSON.stringify(verified),
});

describe('the returning customer', () => {
  it('trusts an email only while a signed identity vouches for it', () => {
    expect(vouchedEmail(visitor('a', 'ada@example.com', { email: 'ada@example.com' }))).toBe(
      'ada@example.com',
    );
    expect(vouchedEmail(visitor('a', 'ada@example.com'))).toBeNull();
    // Signed once, then changed by the visitor: the lock is gone.
    expect(vouchedEmail(visitor('a', 'eve@example.com', { email: 'ada@example.com' }))).toBeNull();
    expect(vouchedEmail(visitor('a', null, { email: 'ada@example.com' }))).toBeNull();
  });

  it('links visitors only when both hold the same signed email', () => {
    const me = visitor('me', 'ada@example.com', { email: 'ada@example.com' });
    const others = [
      visitor('phone', 'ada@example.com', { email: 'ada@example.com' }),
      visitor('typed', 'ada@example.com'),
      visitor('other', 'bob@example.com', { email: 'bob@example.com' }),
      me,
    ];
    expect(samePerson(me, others)).toEqual(['me', 'phone']);
  });

  it('links nobody to a visitor whose email is only typed', () => {
    const me = visitor('me', 'ada@example.com');
    const signed = visitor('laptop', 'ada@example.com', { email: 'ada@example.com' });
    expect(samePerson(me, [signed])).toEqual(['me']);
  });
});
