import { describe, expect, it } from 'vitest';
import { describeUserAgent } from './visitorDetails.js';

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
