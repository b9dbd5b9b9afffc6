/**
 * Where Tocsin may send a request a user chose the address of (a webhook
 * contact method, a Teams or webhook channel): not to loopback, private,
 * link-local (cloud metadata), carrier-grade NAT, unspecified, multicast or
 * any other special-purpose address (classified by ipaddr.js, not a hand
 * list), nor to an IPv6 form that embeds such an IPv4 address (NAT64, 6to4,
 * Teredo, IPv4-mapped or -compatible), so a webhook cannot be used to reach
 * the inside of the network Tocsin runs in. Knows no domain.
 *
 * A literal address is checked before the request. A host name is checked
 * where the connection is made (`publicOnlyDispatcher`): the addresses it
 * resolves to are checked and the connection goes to one of those same
 * addresses, so a name that resolves to a public address once and to a
 * private one the next time (DNS rebinding) cannot slip between a check and
 * the request.
 */
import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';

/**
 * The ranges ipaddr.js names (its tables follow the IANA IPv4 and IPv6
 * Special-Purpose Address Registries) that may be reached: `unicast` is its
 * name for an address in no special block, and the others are the blocks the
 * registries mark globally reachable that are not someone's inside network
 * (AS112 DNS sinks, AMT relays, ORCHIDv2, drone remote ID tags). The anycast
 * addresses of PCP, TURN and DNS-SD SRP (192.0.0.9, 192.0.0.10,
 * 2001:1::1-3) are globally reachable on paper but answer from the nearest
 * server, which is the local network's own: refused with the rest of
 * 192.0.0.0/24 and 2001::/23.
 */
const REACHABLE_IPV4 = new Set(['unicast', 'as112', 'amt']);
const REACHABLE_IPV6 = new Set(['unicast', 'as112v6', 'amt', 'orchid2', 'droneRemoteIdProtocolEntityTags']);

const cidr = (text: string): [ipaddr.IPv6, number] => ipaddr.IPv6.parseCIDR(text);
/** IPv4-compatible addresses (::a.b.c.d, deprecated by RFC 4291), apart from :: and ::1. */
const IPV4_COMPATIBLE = cidr('::/96');
/** NAT64's well-known prefix (RFC 6052); the local-use 64:ff9b:1::/48 (RFC 8215) embeds at a length the operator chose, so it is refused whole. */
const NAT64_WELL_KNOWN = cidr('64:ff9b::/96');
/** IANA allocates global unicast from 2000::/3 only; the rest of the space reaches nobody on the internet. */
const GLOBAL_UNICAST = cidr('2000::/3');

const ipv4At = (bytes: number[], start: number, mask = 0): ipaddr.IPv4 =>
  new ipaddr.IPv4(bytes.slice(start, start + 4).map((byte) => byte ^ mask));

/**
 * The IPv4 addresses an IPv6 address carries a packet to, for the forms that
 * embed one: IPv4-mapped, IPv4-translated (SIIT), IPv4-compatible, NAT64,
 * 6to4, and Teredo (its server, and its client, stored inverted).
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4[] | undefined {
  const bytes = address.toByteArray();
  const range = address.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145') return [ipv4At(bytes, 12)];
  if (range === 'unicast' && address.match(IPV4_COMPATIBLE)) return [ipv4At(bytes, 12)];
  if (range === 'rfc6052' && address.match(NAT64_WELL_KNOWN)) return [ipv4At(bytes, 12)];
  if (range === '6to4') return [ipv4At(bytes, 2)];
  if (range === 'teredo') return [ipv4At(bytes, 4), ipv4At(bytes, 12, 0xff)];
  return undefined;
}

function isReachable(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (address.kind() === 'ipv4') return REACHABLE_IPV4.has(address.range());
  const v6 = address as ipaddr.IPv6;
  const embedded = embeddedIPv4(v6);
  if (embedded) return embedded.every(isReachable);
  return v6.match(GLOBAL_UNICAST) && REACHABLE_IPV6.has(v6.range());
}

/**
 * Whether `ip` is an address a user-chosen request must not reach: any
 * special-purpose address but the few above, judged by the IPv4 address it
 * embeds when it embeds one. Not an address at all: false.
 */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 0) return false;
  try {
    return !isReachable(ipaddr.parse(ip));
  } catch {
    return true; // Node calls it an address and ipaddr.js cannot read it: refuse rather than guess.
  }
}

/** Resolves a host name to its addresses (the system resolver unless a test gives another). */
export type Resolver = (host: string) => Promise<string[]>;

const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

const hostOf = (url: string): string => new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');

function insideReason(host: string, addresses: string[]): string | undefined {
  const inside = addresses.find(isPrivateAddress);
  return inside === undefined ? undefined : `${host} is a private address (${inside})`;
}

/** Why a request to `url` would reach the private network, or undefined when every address it resolves to is public. */
export async function privateDestination(url: string, resolve: Resolver = systemResolver): Promise<string | undefined> {
  const host = hostOf(url);
  return insideReason(host, isIP(host) ? [host] : await resolve(host));
}

/** The same, for a literal address only (no lookup): a host name is left to `publicOnlyDispatcher`. */
export function privateLiteral(url: string): string | undefined {
  const host = hostOf(url);
  return isIP(host) ? insideReason(host, [host]) : undefined;
}

/** Why the connection was refused, raised by `publicOnlyDispatcher`'s lookup; the message is `privateDestination`'s. */
export class PrivateDestinationError extends Error {
  override readonly name = 'PrivateDestinationError';
}

/**
 * A `lookup` for net.connect that resolves once, refuses the host when any
 * address is private, and hands over the addresses it checked, in the form
 * the caller asked for (one, or all when `options.all`).
 */
export function guardedLookup(resolve: Resolver = systemResolver): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    resolve(hostname).then(
      (addresses) => {
        const why = insideReason(hostname, addresses);
        if (why) return callback(new PrivateDestinationError(why));
        if (addresses.length === 0)
          return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }));
        const entries = addresses.map((address) => ({ address, family: isIP(address) }));
        if (options.all) callback(null, entries);
        else callback(null, entries[0]!.address, entries[0]!.family);
      },
      (error: unknown) => callback(error),
    );
  }) as unknown as LookupFunction;
}

/** An undici dispatcher for user-chosen URLs: every connection goes through `guardedLookup`. */
export function publicOnlyDispatcher(resolve: Resolver = systemResolver): Agent {
  return new Agent({ connect: { lookup: guardedLookup(resolve) } });
}
