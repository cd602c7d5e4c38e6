import ipaddr from 'ipaddr.js';

/**
 * A client's allowed source addresses as CIDR ranges, IPv4 and IPv6 (ipaddr.js). An IPv4 client
 * reaching a dual-stack socket shows up as `::ffff:a.b.c.d`; it is matched as the IPv4 address it is.
 */
export interface IpRange {
  readonly text: string;
  readonly range: [ipaddr.IPv4 | ipaddr.IPv6, number];
}

export type IpFailure = 'ip-not-allowed' | 'ip-unreadable';

export type IpCheck = { ok: true } | { ok: false; reason: IpFailure };

/** `203.0.113.0/24`, `2001:db8::/32`, or a single address (a /32 or /128). */
export function parseIpRange(text: string): IpRange | { error: string } {
  const value = text.trim();
  try {
    if (value.includes('/')) return { text: value, range: ipaddr.parseCIDR(value) };
    const address = ipaddr.parse(value);
    return { text: value, range: [address, address.kind() === 'ipv4' ? 32 : 128] };
  } catch {
    return { error: `'${value}' is not an IPv4 or IPv6 address or CIDR range` };
  }
}

/** No list means any address; otherwise the source must fall within one of the ranges. */
export function checkSourceIp(ip: string | undefined, ranges: readonly IpRange[] | undefined): IpCheck {
  if (ranges === undefined) return { ok: true };
  if (!ip || !ipaddr.isValid(ip)) return { ok: false, reason: 'ip-unreadable' };
  const address = ipaddr.process(ip);
  const allowed = ranges.some(
    ({ range }) =>
      range[0].kind() === address.kind() && address.match(range as Parameters<typeof address.match>[0]),
  );
  return allowed ? { ok: true } : { ok: false, reason: 'ip-not-allowed' };
}
