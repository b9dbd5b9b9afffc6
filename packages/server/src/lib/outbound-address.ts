/**
 * Where Tocsin may send a request a user chose the address of (a webhook
 * contact method, a Teams or webhook channel): not to loopback, private,
 * link-local (cloud metadata), carrier-grade NAT, unspecified or multicast
 * addresses, so a webhook cannot be used to reach the inside of the network
 * Tocsin runs in. The host name is resolved and every address it resolves
 * to is checked. Knows no domain.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

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

/** Resolves `url`'s host; returns why it may not be sent to, or undefined when every address is public. */
export async function privateDestination(url: string): Promise<string | undefined> {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  const inside = addresses.find(isPrivateAddress);
  return inside === undefined ? undefined : `${host} is a private address (${inside})`;
}
