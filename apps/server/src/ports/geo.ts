import { isIP } from 'node:net';
import type { VisitorLocation } from '@parley/protocol';

/** Where an IP address is, for the console's visitor details. Nothing leaves the server. */
export interface GeoLocator {
  /** All fields null when the address is unknown, private, loopback or not an address. */
  locate(ip: string | null): Promise<VisitorLocation>;
}

export const UNKNOWN_LOCATION: VisitorLocation = {
  country: null,
  region: null,
  city: null,
  timeZone: null,
};

/** The address as a lookup expects it: "::ffff:1.2.3.4" becomes "1.2.3.4"; null if none. */
export function normalizeIp(raw: string): string | null {
  let ip = raw.trim();
  // A zone index ("fe80::1%eth0") only makes sense on the host that saw it.
  const zone = ip.indexOf('%');
  if (zone !== -1) ip = ip.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) ip = mapped[1]!;
  return isIP(ip) === 0 ? null : ip;
}

/** geoip-lite reports unknown fields as empty strings. */
function known(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}

interface GeoipLite {
  lookup(
    ip: string,
  ): { country?: string; region?: string; city?: string; timezone?: string } | null;
}

/**
 * The offline database geoip-lite ships. It is large (it reads ~150 MB into memory), so it is
 * loaded at the first lookup, not at start-up: a node that never sees a page view never pays.
 */
export class GeoLiteLocator implements GeoLocator {
  private loading: Promise<GeoipLite> | null = null;

  private load(): Promise<GeoipLite> {
    this.loading ??= import('geoip-lite').then((m) => (m.default ?? m) as unknown as GeoipLite);
    return this.loading;
  }

  async locate(ip: string | null): Promise<VisitorLocation> {
    if (ip === null) return UNKNOWN_LOCATION;
    const address = normalizeIp(ip);
    if (address === null) return UNKNOWN_LOCATION;
    // Private, loopback and link-local ranges are not in the data: lookup returns null for them.
    const found = (await this.load()).lookup(address);
    if (!found) return UNKNOWN_LOCATION;
    return {
      country: known(found.country),
      region: known(found.region),
      city: known(found.city),
      timeZone: known(found.timezone),
    };
  }
}
