import { describe, expect, it } from 'vitest';
import {
  deviceLabel,
  describeTimeOnSite,
  flagEmoji,
  formatLocalTime,
  formatTimeOnSite,
  localTimeOffset,
  pageLabel,
  referrerLabel,
  safeHref,
} from './visitorFormat';

const start = '2025-01-01T10:00:00.000Z';
const after = (seconds: number) => Date.parse(start) + seconds * 1000;

describe('formatTimeOnSite', () => {
  it('ticks in seconds under an hour, then hours and days', () => {
    expect(formatTimeOnSite(start, after(0))).toBe('0:00');
    expect(formatTimeOnSite(start, after(42))).toBe('0:42');
    expect(formatTimeOnSite(start, after(12 * 60 + 5))).toBe('12:05');
    expect(formatTimeOnSite(start, after(65 * 60))).toBe('1h 05m');
    expect(formatTimeOnSite(start, after(50 * 3600))).toBe('2d 2h');
  });

  it('never goes negative when clocks disagree', () => {
    expect(formatTimeOnSite(start, after(-30))).toBe('0:00');
  });

  it('has words for screen readers', () => {
    expect(describeTimeOnSite(start, after(30))).toBe('less than a minute');
    expect(describeTimeOnSite(start, after(60))).toBe('1 minute');
    expect(describeTimeOnSite(start, after(7200))).toBe('about 2 hours');
  });
});

describe('local time', () => {
  const noonUtc = Date.parse('2025-06-01T12:00:00.000Z');

  it('shows the clock in the visitor’s zone', () => {
    // Summer: Berlin is UTC+2, Tokyo UTC+9 (12- or 24-hour, as the agent's locale says).
    expect(formatLocalTime('Europe/Berlin', noonUtc)).toMatch(/^(14|2)[:.]00/);
    expect(formatLocalTime('Asia/Tokyo', noonUtc)).toMatch(/^(21|9)[:.]00/);
  });

  it('gives up quietly on a missing or unknown zone', () => {
    expect(formatLocalTime(null, noonUtc)).toBeNull();
    expect(formatLocalTime('Mars/Olympus_Mons', noonUtc)).toBeNull();
  });

  it('says how far ahead or behind the visitor is', () => {
    expect(localTimeOffset('Europe/Berlin', noonUtc, 'UTC')).toBe('+2h');
    expect(localTimeOffset('America/New_York', noonUtc, 'UTC')).toBe('−4h');
    expect(localTimeOffset('Asia/Kolkata', noonUtc, 'UTC')).toBe('+5h30');
    expect(localTimeOffset('UTC', noonUtc, 'UTC')).toBe('');
    expect(localTimeOffset('Nowhere/Land', noonUtc, 'UTC')).toBeNull();
  });
});

describe('flagEmoji', () => {
  it('turns an ISO country code into its flag', () => {
    expect(flagEmoji('DE')).toBe('🇩🇪');
    expect(flagEmoji('br')).toBe('🇧🇷');
  });

  it('is empty for anything that is not a two-letter code', () => {
    expect(flagEmoji(null)).toBe('');
    expect(flagEmoji('')).toBe('');
    expect(flagEmoji('DEU')).toBe('');
    expect(flagEmoji('1A')).toBe('');
  });
});

describe('labels', () => {
  it('names devices, referrers and pages briefly', () => {
    expect(deviceLabel({ browser: 'Chrome', os: 'Windows', type: 'desktop' })).toBe(
      'Chrome on Windows',
    );
    expect(deviceLabel({ browser: null, os: 'iOS', type: null })).toBe('iOS');
    expect(deviceLabel({ browser: null, os: null, type: null })).toBeNull();
    expect(referrerLabel('https://www.google.com/search?q=mugs')).toBe('google.com');
    expect(referrerLabel('not a url')).toBe('not a url');
    expect(pageLabel({ url: 'https://shop.example/p/mug', title: '  ' })).toBe(
      'shop.example/p/mug',
    );
    expect(pageLabel({ url: 'https://shop.example/', title: 'Mugs' })).toBe('Mugs');
  });

  it('links only http(s) pages', () => {
    expect(safeHref('https://shop.example/a')).toBe('https://shop.example/a');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref(null)).toBeUndefined();
  });
});
