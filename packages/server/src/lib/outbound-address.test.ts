import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetch } from 'undici';
import { describe, expect, it } from 'vitest';
import {
  guardedLookup,
  isPrivateAddress,
  privateDestination,
  PrivateDestinationError,
  publicOnlyDispatcher,
} from './outbound-address.js';

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['::1', true],
    ['::', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['fe80::1%eth0', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:127.0.0.1', true],
    ['172.32.0.1', false],
    ['8.8.8.8', false],
    ['93.184.216.34', false],
    ['2606:4700:4700::1111', false],
    ['::ffff:8.8.8.8', false],
    ['not an address', false],
  ])('%s → %s', (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });

  /**
   * Every block of the IANA IPv4 and IPv6 Special-Purpose Address Registries
   * (as of 2025), with an address inside it: refused unless the registry
   * marks it globally reachable and it does not lead into a local network.
   * The anycast services (PCP, TURN, DNS-SD SRP) are globally reachable on
   * paper but answered by the nearest server, the local network's own.
   */
  const refused = true;
  const reachable = false;
  it.each([
    // IPv4 Special-Purpose Address Registry
    ['0.0.0.0/8 "this network"', '0.1.2.3', refused],
    ['0.0.0.0/32 "this host on this network"', '0.0.0.0', refused],
    ['10.0.0.0/8 private-use', '10.255.0.1', refused],
    ['100.64.0.0/10 shared address space', '100.127.255.254', refused],
    ['127.0.0.0/8 loopback', '127.1.2.3', refused],
    ['169.254.0.0/16 link local', '169.254.169.254', refused],
    ['172.16.0.0/12 private-use', '172.20.0.1', refused],
    ['192.0.0.0/24 IETF protocol assignments', '192.0.0.200', refused],
    ['192.0.0.0/29 IPv4 service continuity prefix', '192.0.0.1', refused],
    ['192.0.0.8/32 IPv4 dummy address', '192.0.0.8', refused],
    ['192.0.0.9/32 PCP anycast (local)', '192.0.0.9', refused],
    ['192.0.0.10/32 TURN anycast (local)', '192.0.0.10', refused],
    ['192.0.0.170/32 NAT64/DNS64 discovery', '192.0.0.170', refused],
    ['192.0.0.171/32 NAT64/DNS64 discovery', '192.0.0.171', refused],
    ['192.0.2.0/24 documentation (TEST-NET-1)', '192.0.2.1', refused],
    ['192.31.196.0/24 AS112-v4 (globally reachable)', '192.31.196.1', reachable],
    ['192.52.193.0/24 AMT (globally reachable)', '192.52.193.1', reachable],
    ['192.88.99.0/24 deprecated 6to4 relay anycast', '192.88.99.1', refused],
    ['192.88.99.2/32 6a44 relay anycast', '192.88.99.2', refused],
    ['192.168.0.0/16 private-use', '192.168.255.1', refused],
    ['192.175.48.0/24 AS112 direct delegation (globally reachable)', '192.175.48.1', reachable],
    ['198.18.0.0/15 benchmarking', '198.19.0.1', refused],
    ['198.51.100.0/24 documentation (TEST-NET-2)', '198.51.100.7', refused],
    ['203.0.113.0/24 documentation (TEST-NET-3)', '203.0.113.7', refused],
    ['240.0.0.0/4 reserved', '250.1.2.3', refused],
    ['255.255.255.255/32 limited broadcast', '255.255.255.255', refused],
    ['224.0.0.0/4 multicast (its own registry)', '239.255.255.250', refused],
    // IPv6 Special-Purpose Address Registry
    ['::1/128 loopback', '::1', refused],
    ['::/128 unspecified', '::', refused],
    ['::ffff:0:0/96 IPv4-mapped, of a private address', '::ffff:a00:1', refused],
    ['64:ff9b::/96 IPv4-IPv6 translation, of a public address', '64:ff9b::808:808', reachable],
    ['64:ff9b:1::/48 local-use IPv4/IPv6 translation', '64:ff9b:1::808:808', refused],
    ['100::/64 discard-only', '100::1', refused],
    ['100:0:0:1::/64 dummy IPv6 prefix', '100:0:0:1::1', refused],
    ['2001::/23 IETF protocol assignments', '2001:100::1', refused],
    ['2001::/32 Teredo, of public server and client', '2001:0:4136:e378:8000:63bf:f7f7:f7f7', reachable],
    ['2001:1::1/128 PCP anycast (local)', '2001:1::1', refused],
    ['2001:1::2/128 TURN anycast (local)', '2001:1::2', refused],
    ['2001:1::3/128 DNS-SD SRP anycast (local)', '2001:1::3', refused],
    ['2001:2::/48 benchmarking', '2001:2::1', refused],
    ['2001:3::/32 AMT (globally reachable)', '2001:3::1', reachable],
    ['2001:4:112::/48 AS112-v6 (globally reachable)', '2001:4:112::1', reachable],
    ['2001:10::/28 deprecated ORCHID', '2001:10::1', refused],
    ['2001:20::/28 ORCHIDv2 (globally reachable)', '2001:20::1', reachable],
    ['2001:30::/28 drone remote ID tags (globally reachable)', '2001:30::1', reachable],
    ['2001:db8::/32 documentation', '2001:db8::1', refused],
    ['2002::/16 6to4, of a public address', '2002:808:808::1', reachable],
    ['2620:4f:8000::/48 AS112 direct delegation (globally reachable)', '2620:4f:8000::1', reachable],
    ['3fff::/20 documentation', '3fff::1', refused],
    ['5f00::/16 segment routing SIDs', '5f00::1', refused],
    ['fc00::/7 unique-local', 'fc00::1', refused],
    ['fe80::/10 link-local', 'fe80::abcd', refused],
    ['fec0::/10 deprecated site-local', 'fec0::1', refused],
    ['ff00::/8 multicast', 'ff02::1', refused],
    ['outside 2000::/3 (unallocated)', '4000::1', refused],
  ])('%s: %s refused → %s', (_block, ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });

  /** IPv6 forms that carry an IPv4 address: decoded, and judged by the address they carry. */
  it.each([
    ['IPv4-mapped, dotted', '::ffff:127.0.0.1', refused],
    ['IPv4-mapped, hex', '::ffff:7f00:1', refused],
    ['IPv4-mapped, public', '::ffff:808:808', reachable],
    ['IPv4-translated (SIIT)', '::ffff:0:a9fe:a9fe', refused],
    ['IPv4-compatible, dotted', '::127.0.0.1', refused],
    ['IPv4-compatible, hex', '::a00:1', refused],
    ['IPv4-compatible, public', '::8.8.8.8', reachable],
    ['NAT64 64:ff9b::/96, loopback', '64:ff9b::7f00:1', refused],
    ['NAT64 64:ff9b::/96, cloud metadata', '64:ff9b::169.254.169.254', refused],
    ['NAT64 64:ff9b::/96, private', '64:ff9b::c0a8:101', refused],
    ['NAT64 64:ff9b:1::/48, whatever it carries', '64:ff9b:1:a00:1::', refused],
    ['6to4 2002::/16, loopback', '2002:7f00:1::1', refused],
    ['6to4 2002::/16, private', '2002:a00:1::1', refused],
    ['6to4 2002::/16, cloud metadata', '2002:a9fe:a9fe::', refused],
    ['Teredo 2001::/32, client 127.0.0.1 (inverted)', '2001:0:4136:e378:8000:63bf:80ff:fffe', refused],
    ['Teredo 2001::/32, client 10.0.0.1 (inverted)', '2001:0:4136:e378:8000:63bf:f5ff:fffe', refused],
    ['Teredo 2001::/32, private server', '2001:0:a00:1:8000:63bf:f7f7:f7f7', refused],
  ])('%s: %s refused → %s', (_form, ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });
});

describe('privateDestination', () => {
  it('names the private address a URL points at, by literal or by name', async () => {
    expect(await privateDestination('http://127.0.0.1:8080/hook')).toBe('127.0.0.1 is a private address (127.0.0.1)');
    expect(await privateDestination('http://[::1]/hook')).toBe('::1 is a private address (::1)');
    expect(await privateDestination('https://localhost/hook')).toMatch(
      /^localhost is a private address \((127\.0\.0\.1|::1)\)$/,
    );
    expect(await privateDestination('https://169.254.169.254/latest/meta-data')).toMatch(/private address/);
  });

  it('refuses IPv6 literals that carry a private IPv4 address, however the URL writes them', async () => {
    // The URL parser rewrites [::127.0.0.1] as [::7f00:1].
    expect(await privateDestination('http://[::127.0.0.1]/hook')).toBe('::7f00:1 is a private address (::7f00:1)');
    expect(await privateDestination('http://[::ffff:0:0a00:1]/hook')).toMatch(/private address/);
    expect(await privateDestination('http://[64:ff9b::169.254.169.254]/latest/meta-data')).toMatch(/private address/);
    expect(await privateDestination('http://[2002:7f00:1::]/hook')).toMatch(/private address/);
  });

  it('lets a public address through', async () => {
    expect(await privateDestination('https://93.184.216.34/hook')).toBeUndefined();
  });
});

describe('guardedLookup', () => {
  const lookupWith = (answers: string[], all: boolean) =>
    new Promise<unknown[]>((resolve) => {
      guardedLookup(async () => answers)('hooks.example.com', { all }, (...args: unknown[]) => resolve(args));
    });

  it('hands over the addresses it checked, one or all as asked', async () => {
    expect(await lookupWith(['93.184.216.34', '2606:4700:4700::1111'], false)).toEqual([null, '93.184.216.34', 4]);
    expect(await lookupWith(['93.184.216.34', '2606:4700:4700::1111'], true)).toEqual([
      null,
      [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:4700:4700::1111', family: 6 },
      ],
    ]);
  });

  it('refuses a name when any of its addresses is private', async () => {
    const [error] = await lookupWith(['93.184.216.34', '10.0.0.7'], true);
    expect(error).toBeInstanceOf(PrivateDestinationError);
    expect((error as Error).message).toBe('hooks.example.com is a private address (10.0.0.7)');
  });

  it('refuses a name that resolves to a NAT64 or 6to4 form of a private address', async () => {
    const [nat64] = await lookupWith(['64:ff9b::a00:7'], true);
    expect((nat64 as Error).message).toBe('hooks.example.com is a private address (64:ff9b::a00:7)');
    const [sixToFour] = await lookupWith(['2606:4700:4700::1111', '2002:a9fe:a9fe::1'], false);
    expect(sixToFour).toBeInstanceOf(PrivateDestinationError);
  });
});

describe('publicOnlyDispatcher', () => {
  it('refuses a name that rebinds to a private address between the check and the request, and the request never arrives', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // A rebinding name: public when asked first, loopback the next time.
      const answers = [['93.184.216.34'], ['127.0.0.1']];
      const resolver = async () => answers.shift() ?? ['127.0.0.1'];
      const url = `http://rebind.example.com:${port}/hook`;
      expect(await privateDestination(url, resolver)).toBeUndefined(); // a check made apart from the connection is fooled
      const dispatcher = publicOnlyDispatcher(resolver);
      const error = await fetch(url, { dispatcher }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(((error as Error).cause as Error).message).toBe('rebind.example.com is a private address (127.0.0.1)');
      expect(requests).toBe(0);
      await dispatcher.close();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
