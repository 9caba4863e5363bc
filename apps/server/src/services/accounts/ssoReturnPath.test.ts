import { describe, expect, it } from 'vitest';
import { CONSOLE_PATH, safeReturnPath } from './ssoReturnPath.js';

describe('the page an SSO sign-in returns to', () => {
  it('keeps a path on this server', () => {
    expect(safeReturnPath('/console/#/settings/sso')).toBe('/console/#/settings/sso');
    expect(safeReturnPath('/console/?x=1')).toBe('/console/?x=1');
  });

  it('sends anything that could leave the server back to the console', () => {
    for (const bad of [
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
      'console/',
      '/console/\nSet-Cookie: x',
      '/con sole',
      '',
      undefined,
      ['/console/'],
      `/${'a'.repeat(600)}`,
    ]) {
      expect(safeReturnPath(bad)).toBe(CONSOLE_PATH);
    }
  });
});
