import { isIP } from 'node:net';
import { createRequire } from 'node:module';
import geoip from 'geoip-lite';
import type { VisitorDevice, VisitorLocation } from '@parley/protocol';

/**
 * What the console shows about where a visitor is and what they browse with. Geo data is the
 * offline database geoip-lite ships (loaded into memory on import); nothing leaves the server.
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

const UNKNOWN_LOCATION: VisitorLocation = {
  country: null,
  region: null,
  city: null,
  timeZone: null,
};

/** geoip-lite reports unknown fields as empty strings. */
function known(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}

/** The address as geoip-lite expects it: "::ffff:1.2.3.4" becomes "1.2.3.4". */
function normalizeIp(raw: string): string | null {
  let ip = raw.trim();
  // A zone index ("fe80::1%eth0") only makes sense on the host that saw it.
  const zone = ip.indexOf('%');
  if (zone !== -1) ip = ip.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) ip = mapped[1]!;
  return isIP(ip) === 0 ? null : ip;
}

/** Location from the IP address; all fields null when it is unknown, private or loopback. */
export function locate(ip: string | null): VisitorLocation {
  if (ip === null) return UNKNOWN_LOCATION;
  const address = normalizeIp(ip);
  if (address === null) return UNKNOWN_LOCATION;
  // Private, loopback and link-local ranges are not in the data: lookup returns null for them.
  const found = geoip.lookup(address);
  if (!found) return UNKNOWN_LOCATION;
  return {
    country: known(found.country),
    region: known(found.region),
    city: known(found.city),
    timeZone: known(found.timezone),
  };
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
