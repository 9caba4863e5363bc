import { describe, expect, it } from 'vitest';
import { describeUserAgent, locate } from './visitorDetails.js';

const NOWHERE = { country: null, region: null, city: null, timeZone: null };

describe('locate', () => {
  it('finds the country of public addresses', () => {
    // Google Public DNS.
    expect(locate('8.8.8.8')).toMatchObject({ country: 'US', timeZone: 'America/Chicago' });
    // RIPE NCC, Amsterdam.
    expect(locate('193.0.6.139')).toMatchObject({ country: 'NL', timeZone: 'Europe/Amsterdam' });
  });

  it('gives region and city when the data has them', () => {
    // Technische Universität Berlin.
    expect(locate('130.149.7.201')).toEqual({
      country: 'DE',
      region: 'BE',
      city: 'Berlin',
      timeZone: 'Europe/Berlin',
    });
  });

  it('turns unknown fields into null rather than empty strings', () => {
    const rough = locate('8.8.8.8');
    expect(rough.city).toBeNull();
    expect(rough.region).toBeNull();
  });

  it('understands IPv4-mapped IPv6 and plain IPv6', () => {
    expect(locate('::ffff:8.8.8.8')).toEqual(locate('8.8.8.8'));
    expect(locate('::FFFF:193.0.6.139').country).toBe('NL');
    expect(locate('2001:4860:4860::8888').country).toBe('US');
    expect(locate(' 8.8.8.8 ').country).toBe('US');
  });

  it('knows nothing about private, loopback and link-local addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.5.4',
      '192.168.1.10',
      '169.254.1.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fe80::1%eth0',
      'fd12:3456:789a::1',
      '::ffff:127.0.0.1',
      '::ffff:192.168.0.1',
    ]) {
      expect(locate(ip), ip).toEqual(NOWHERE);
    }
  });

  it('returns nulls for missing or malformed addresses', () => {
    for (const ip of [
      null,
      '',
      '   ',
      'localhost',
      '999.1.1.1',
      '8.8.8',
      'not an ip',
      '8.8.8.8:80',
    ]) {
      expect(locate(ip), String(ip)).toEqual(NOWHERE);
    }
  });
});

describe('describeUserAgent', () => {
  it('reads Chrome on Windows as a desktop', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      ),
    ).toEqual({ browser: 'Chrome 120', os: 'Windows 10', type: 'desktop' });
  });

  it('reads Safari on an iPhone as mobile', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1',
      ),
    ).toEqual({ browser: 'Mobile Safari 17', os: 'iOS 17.1.2', type: 'mobile' });
  });

  it('reads Firefox on Linux, which has no OS version', () => {
    expect(
      describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0'),
    ).toEqual({ browser: 'Firefox 121', os: 'Linux', type: 'desktop' });
  });

  it('reads an iPad as a tablet', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
      ),
    ).toEqual({ browser: 'Mobile Safari 16', os: 'iOS 16.6', type: 'tablet' });
  });

  it('calls Mac OS macOS', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
      ),
    ).toEqual({ browser: 'Safari 17', os: 'macOS 10.15.7', type: 'desktop' });
  });

  it('reads Android phones and tablets', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36',
      ),
    ).toEqual({ browser: 'Chrome 120', os: 'Android 14', type: 'mobile' });
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      ).type,
    ).toBe('tablet');
  });

  it('shows other device types as desktop', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36',
      ),
    ).toEqual({ browser: 'Samsung Internet 4', os: 'Tizen 6.0', type: 'desktop' });
  });

  it('leaves what it cannot tell null', () => {
    expect(describeUserAgent('curl/8.4.0')).toEqual({ browser: null, os: null, type: 'desktop' });
    expect(describeUserAgent(undefined)).toEqual({ browser: null, os: null, type: null });
    expect(describeUserAgent('  ')).toEqual({ browser: null, os: null, type: null });
  });
});
