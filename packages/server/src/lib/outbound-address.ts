/**
 * Where Tocsin may send a request a user chose the address of (a webhook
 * contact method, a Teams or webhook channel): not to loopback, private,
 * link-local (cloud metadata), carrier-grade NAT, unspecified or multicast
 * addresses, so a webhook cannot be used to reach the inside of the network
 * Tocsin runs in. Knows no domain.
 *
 * A literal address is checked before the request. A host name is checked
 * where the connection is made (`publicOnlyDispatcher`): the addresses it
 * resolves to are checked and the connection goes to one of those same
 * addresses, so a name that resolves to a public address once and to a
 * private one the next time (DNS rebinding) cannot slip between a check and
 * the request.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Agent } from 'undici';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) blocked.addSubnet(network, prefix, 'ipv6');

/** Whether `ip` is an address a user-chosen request must not reach. */
export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family !== 6) return false;
  // IPv4-mapped (::ffff:10.0.0.1) is the IPv4 address in disguise.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  return mapped ? blocked.check(mapped, 'ipv4') : blocked.check(ip, 'ipv6');
}

/** Resolves a host name to its addresses (the system resolver unless a test gives another). */
export type Resolver = (host: string) => Promise<string[]>;

const systemResolver: Resolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

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
        if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }));
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
