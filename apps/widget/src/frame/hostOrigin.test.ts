import { describe, expect, it } from 'vitest';
import { parseHost } from './hostOrigin';

describe('parseHost', () => {
  it('accepts exact http(s) origins only', () => {
    expect(parseHost('https://shop.example')).toBe('https://shop.example');
    expect(parseHost('http://localhost:3000')).toBe('http://localhost:3000');
    expect(parseHost('https://shop.example/')).toBeNull();
    expect(parseHost('https://shop.example/path')).toBeNull();
    expect(parseHost('*')).toBeNull();
    expect(parseHost('javascript:alert(1)')).toBeNull();
    expect(parseHost('null')).toBeNull();
    expect(parseHost(null)).toBeNull();
  });
});
