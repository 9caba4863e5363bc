import { createRequire } from 'node:module';
import type { VisitorDevice } from '@parley/protocol';

/**
 * What the console shows about what a visitor browses with, from the User-Agent header. Where
 * they are comes from the GeoLocator port (ports/geo.ts).
 */

/** The part of ua-parser-js v1 used here; the package ships no type declarations. */
interface UAResult {
  browser: { name?: string; major?: string };
  os: { name?: string; version?: string };
  device: { type?: string };
}
const { UAParser } = createRequire(import.meta.url)('ua-parser-js') as {
  UAParser: new (ua: string) => { getResult(): UAResult };
};

/** ua-parser-js reports unknown fields as undefined or empty strings. */
function known(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}

function join(name: string | undefined, version: string | undefined): string | null {
  const n = known(name);
  if (n === null) return null;
  const v = known(version);
  return v === null ? n : `${n} ${v}`;
}

/** "Chrome 120", "macOS 10.15.7", "mobile": what the User-Agent header tells. */
export function describeUserAgent(ua: string | undefined): VisitorDevice {
  if (ua === undefined || ua.trim() === '') return { browser: null, os: null, type: null };
  const result = new UAParser(ua).getResult();
  const osName = result.os.name === 'Mac OS' ? 'macOS' : result.os.name;
  const type = result.device.type;
  return {
    browser: join(result.browser.name, result.browser.major),
    os: join(osName, result.os.version),
    // Consoles, smart TVs, wearables and unknown devices are shown as desktops.
    type: type === 'mobile' || type === 'tablet' ? type : 'desktop',
  };
}
