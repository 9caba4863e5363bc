import { describe, expect, it } from 'vitest';
import { isOwnOrigin, originOf } from './origins.js';

describe('origin checks', () => {
  it('accepts the public origin and the host the request was sent to', () => {
    expect(isOwnOrigin('http://localhost:3000', 'localhost:3000', 'http://localhost:3000')).toBe(
      true,
    );
    expect(isOwnOrigin('http://127.0.0.1:3000', '127.0.0.1:3000', 'http://localhost:3000')).toBe(
      true,
    );
  });

  it('refuses foreign, missing and malformed origins', () => {
    expect(isOwnOrigin('https://evil.example', 'localhost:3000', 'http://localhost:3000')).toBe(
      false,
    );
    expect(isOwnOrigin(undefined, 'localhost:3000', 'http://localhost:3000')).toBe(false);
    expect(isOwnOrigin('null', 'localhost:3000', 'http://localhost:3000')).toBe(false);
    expect(originOf('javascript:alert(1)')).toBeNull();
  });
});
