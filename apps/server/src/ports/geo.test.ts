import { describe, expect, it } from 'vitest';
import { GeoLiteLocator, normalizeIp } from './geo.js';

const NOWHERE = { country: null, region: null, city: null, timeZone: null };
const geo = new GeoLiteLocator();
const locate = (ip: string | null) => geo.locate(ip);

describe('locate', async () => {
  it('finds the country of public addresses', async () => {
    // Google Public DNS.
    expect(await locate('8.8.8.8')).toMatchObject({ country: 'US', timeZone: 'America/Chicago' });
    // RIPE NCC, Amsterdam.
    expect(await locate('193.0.6.139')).toMatchObject({
      country: 'NL',
      timeZone: 'Europe/Amsterdam',
    });
  });

  it('gives region and city when the data has them', async () => {
    // Technische Universität Berlin.
    expect(await locate('130.149.7.201')).toEqual({
      country: 'DE',
      region: 'BE',
      city: 'Berlin',
      timeZone: 'Europe/Berlin',
    });
  });

  it('turns unknown fields into null rather than empty strings', async () => {
    const rough = await locate('8.8.8.8');
    expect(rough.city).toBeNull();
    expect(rough.region).toBeNull();
  });

  it('understands IPv4-mapped IPv6 and plain IPv6', async () => {
    expect(await locate('::ffff:8.8.8.8')).toEqual(await locate('8.8.8.8'));
    expect((await locate('::FFFF:193.0.6.139')).country).toBe('NL');
    expect((await locate('2001:4860:4860::8888')).country).toBe('US');
    expect((await locate(' 8.8.8.8 ')).country).toBe('US');
  });

  it('knows nothing about private, loopback and link-local addresses', async () => {
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
      expect(await locate(ip), ip).toEqual(NOWHERE);
    }
  });

  it('returns nulls for missing or malformed addresses', async () => {
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
      expect(await locate(ip), String(ip)).toEqual(NOWHERE);
    }
  });
});

describe('normalizeIp', () => {
  it('unwraps IPv4-mapped addresses, drops zone indexes and refuses what is not an address', () => {
    expect(normalizeIp('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(normalizeIp('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeIp(' 8.8.8.8 ')).toBe('8.8.8.8');
    expect(normalizeIp('example.com')).toBeNull();
  });
});
