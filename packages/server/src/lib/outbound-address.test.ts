import { describe, expect, it } from 'vitest';
import { isPrivateAddress, privateDestination } from './outbound-address.js';

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
