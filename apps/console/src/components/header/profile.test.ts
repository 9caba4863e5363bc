import { describe, expect, it } from 'vitest';
import { initials, photoProblem } from './profile';

describe('profile photo', () => {
  it('accepts PNG, JPEG and WebP up to 2 MB', () => {
    expect(photoProblem({ type: 'image/png', size: 2 * 1024 * 1024 })).toBeNull();
    expect(photoProblem({ type: 'image/webp', size: 10 })).toBeNull();
  });

  it('explains what is wrong before uploading', () => {
    expect(photoProblem({ type: 'image/gif', size: 10 })).toMatch(/PNG, JPEG or WebP/);
    expect(photoProblem({ type: 'image/jpeg', size: 2 * 1024 * 1024 + 1 })).toMatch(/2 MB/);
  });

  it('falls back to initials', () => {
    expect(initials('Mia  Agent Smith')).toBe('MA');
    expect(initials('')).toBe('');
  });
});
