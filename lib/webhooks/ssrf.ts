// Webhook targets must be public: a URL that is, or resolves to, an address inside the server's
// networks (loopback, private, link-local such as cloud metadata at 169.254.169.254, …) would let
// a workspace admin probe them (SSRF). Checked when an endpoint is saved, and again on every send
// by connecting only to an address that passed (guardedLookup), so DNS rebinding cannot bypass it.
import "server-only";
import dns from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

/** Tests and local setups that deliver to a receiver on this machine set ROLO_WEBHOOKS_ALLOW_PRIVATE=1. */
export const privateTargetsAllowed = () => ["1", "true"].includes((process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE ?? "").toLowerCase());

const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network", including the unspecified address
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata services)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  NON_PUBLIC.addSubnet(net, prefix, "ipv4"); // also matches the IPv4-mapped IPv6 forms (::ffff:a.b.c.d)
for (const [net, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated, still routed by some stacks)
  ["ff00::", 8], // multicast
  ["100::", 64], // discard-only
] as const)
  NON_PUBLIC.addSubnet(net, prefix, "ipv6");

/** The 8 groups of an IPv6 address (an embedded dotted quad counts as two). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number);
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const parse = (part?: string) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}

const ipv4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/** IPv4 addresses carried inside IPv6 ones (NAT64, 6to4, IPv4-compatible): they reach that IPv4 host. */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return ipv4(g[6], g[7]); // 64:ff9b::/96
  if (g[0] === 0x2002) return ipv4(g[1], g[2]); // 6to4 2002::/16
  if (g.slice(0, 6).every((x) => x === 0) && (g[6] || g[7] > 1)) return ipv4(g[6], g[7]); // ::a.b.c.d
  return null;
}

/** True for an address a webhook may be sent to: public unicast only. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !NON_PUBLIC.check(address, "ipv4");
  if (family !== 6) return false;
  if (NON_PUBLIC.check(address, "ipv6")) return false;
  const inner = embeddedIpv4(address);
  return inner === null || !NON_PUBLIC.check(inner, "ipv4");
}

export class PrivateTargetError extends Error {}

const refused = (host: string, address: string) =>
  new PrivateTargetError(
    host === address ? `${address} is not a public address` : `${host} resolves to ${address}, which is not a public address`,
  );

/** The host of a URL as an IP literal (brackets removed) when it is one; URL already normalises 0x7f.1 and 2130706433. */
export const urlHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/**
 * Why this URL may not be a webhook target, or null when it may: its host must be, or resolve
 * only to, public addresses (every address DNS answers, since a client may connect to any of them).
 */
export async function targetProblem(rawUrl: string): Promise<string | null> {
  if (privateTargetsAllowed()) return null;
  const url = new URL(rawUrl);
  const host = urlHost(url);
  if (isIP(host)) return isPublicAddress(host) ? null : refused(host, host).message;
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
  } catch {
    return `${host} does not resolve to an address`;
  }
  const bad = addresses.find((a) => !isPublicAddress(a.address));
  return bad ? refused(host, bad.address).message : null;
}

/**
 * A `lookup` for http.request that resolves like dns.lookup but fails on any non-public address,
 * so the socket only ever connects to an address that was checked. IP-literal hosts never reach a
 * lookup: check them with assertPublicLiteral first.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const list = addresses as dns.LookupAddress[];
    const bad = privateTargetsAllowed() ? undefined : list.find((a) => !isPublicAddress(a.address));
    if (bad) return callback(refused(hostname, bad.address) as NodeJS.ErrnoException, "", 0);
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

/** Send-time check of an IP-literal host (which bypasses the lookup). */
export function assertPublicLiteral(url: URL) {
  const host = urlHost(url);
  if (isIP(host) && !privateTargetsAllowed() && !isPublicAddress(host)) throw refused(host, host);
}
