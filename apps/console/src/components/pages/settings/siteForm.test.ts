import type { SiteSettings } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { normaliseOrigin, originErrors, originsBody, siteSettingsPatch } from './siteForm';

const saved: SiteSettings = {
  language: null,
  greeting: 'Hi! How can we help?',
  greetings: {},
  offlineMessage: {},
  accentColor: '#1c7ed6',
  position: 'right',
  requireVerifiedIdentity: false,
  prechatFields: [],
  allowedOrigins: ['https://shop.example'],
};

describe('origins', () => {
  it('reduces what an admin types to an origin', () => {
    expect(normaliseOrigin(' shop.example/products ')).toBe('https://shop.example');
    expect(normaliseOrigin('http://localhost:8080/')).toBe('http://localhost:8080');
    expect(normaliseOrigin('')).toBe('');
    expect(normaliseOrigin('ftp://files.example')).toBe('ftp://files.example');
    // Left as typed for the server to explain, not mangled into a percent-encoded host.
    expect(normaliseOrigin(' not an origin ')).toBe('not an origin');
  });

  it('drops blanks and repeats', () => {
    expect(originsBody(['https://a.example', '', 'a.example', 'https://b.example'])).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('maps server problems to their line', () => {
    expect(
      originErrors({ 'allowedOrigins.1': 'must be an origin', allowedOrigins: 'too many' }),
    ).toEqual({ list: 'too many', byIndex: { 1: 'must be an origin' } });
  });
});

describe('siteSettingsPatch', () => {
  it('sends only what changed', () => {
    expect(
      siteSettingsPatch(saved, {
        language: null,
        requireVerifiedIdentity: false,
        origins: ['shop.example'],
      }),
    ).toEqual({});
    expect(
      siteSettingsPatch(saved, {
        language: 'fr',
        requireVerifiedIdentity: true,
        origins: ['https://shop.example', 'https://m.shop.example'],
      }),
    ).toEqual({
      language: 'fr',
      requireVerifiedIdentity: true,
      allowedOrigins: ['https://shop.example', 'https://m.shop.example'],
    });
  });
});
