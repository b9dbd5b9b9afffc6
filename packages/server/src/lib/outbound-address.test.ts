import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetch } from 'undici';
import { describe, expect, it } from 'vitest';
import { guardedLookup, isPrivateAddress, privateDestination, PrivateDestinationError, publicOnlyDispatcher } from './outbound-address.js';

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true], ['10.1.2.3', true], ['172.16.0.1', true], ['172.31.255.255', true], ['192.168.1.1', true],
    ['169.254.169.254', true], ['100.64.0.1', true], ['0.0.0.0', true], ['224.0.0.1', true],
    ['::1', true], ['::', true], ['fd00::1', true], ['fe80::1', true], ['::ffff:10.0.0.1', true], ['::ffff:127.0.0.1', true],
    ['172.32.0.1', false], ['8.8.8.8', false], ['93.184.216.34', false], ['2606:4700:4700::1111', false], ['::ffff:8.8.8.8', false],
    ['not an address', false],
  ])('%s → %s', (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });
});

describe('privateDestination', () => {
  it('names the private address a URL points at, by literal or by name', async () => {
    expect(await privateDestination('http://127.0.0.1:8080/hook')).toBe('127.0.0.1 is a private address (127.0.0.1)');
    expect(await privateDestination('http://[::1]/hook')).toBe('::1 is a private address (::1)');
    expect(await privateDestination('https://localhost/hook')).toMatch(/^localhost is a private address \((127\.0\.0\.1|::1)\)$/);
    expect(await privateDestination('https://169.254.169.254/latest/meta-data')).toMatch(/private address/);
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
      [{ address: '93.184.216.34', family: 4 }, { address: '2606:4700:4700::1111', family: 6 }],
    ]);
  });

  it('refuses a name when any of its addresses is private', async () => {
    const [error] = await lookupWith(['93.184.216.34', '10.0.0.7'], true);
    expect(error).toBeInstanceOf(PrivateDestinationError);
    expect((error as Error).message).toBe('hooks.example.com is a private address (10.0.0.7)');
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
      const error = await fetch(url, { dispatcher }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(((error as Error).cause as Error).message).toBe('rebind.example.com is a private address (127.0.0.1)');
      expect(requests).toBe(0);
      await dispatcher.close();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
