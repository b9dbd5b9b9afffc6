import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to the embedded database in ./.tocsin with the demo on', () => {
    const config = loadConfig({}, '/srv/tocsin');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('/srv/tocsin/.tocsin');
    expect(config.demo).toBe(true);
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBe('http://localhost:8080');
  });

  it('turns the demo off by default with DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/tocsin' }, '/');
    expect(config.databaseUrl).toBe('postgres://db/tocsin');
    expect(config.demo).toBe(false);
  });

  it.each([
    [{ TOCSIN_PORT: 'eighty' }, /TOCSIN_PORT must be a whole number/],
    [{ TOCSIN_PORT: '70000' }, /between 0 and 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /must start with postgres/],
    [{ TOCSIN_DEMO: 'maybe' }, /TOCSIN_DEMO must be true or false/],
    [{ TOCSIN_PUBLIC_URL: 'not a url' }, /absolute URL/],
    [{ TOCSIN_OIDC_ISSUER: 'https://id.example.com' }, /TOCSIN_OIDC_CLIENT_ID is required/],
    [
      { TOCSIN_OIDC_ISSUER: 'https://id.example.com', TOCSIN_OIDC_CLIENT_ID: 'x', TOCSIN_OIDC_DEFAULT_ROLE: 'owner' },
      /responder, viewer or stakeholder/,
    ],
    [
      { TOCSIN_TRUSTED_PROXIES: '10.0.0.0/8, proxy.internal' },
      /TOCSIN_TRUSTED_PROXIES must list IP addresses or CIDR ranges/,
    ],
    [{ TOCSIN_TRUSTED_PROXIES: '10.0.0.0/33' }, /TOCSIN_TRUSTED_PROXIES must list/],
    [
      { TOCSIN_DATABASE_STATEMENT_TIMEOUT_MS: '0' },
      /TOCSIN_DATABASE_STATEMENT_TIMEOUT_MS must be a whole number between 100/,
    ],
  ])('refuses %o with a message that says what to fix', (env, message) => {
    expect(() => loadConfig(env, '/')).toThrow(ConfigError);
    expect(() => loadConfig(env, '/')).toThrow(message);
  });

  it('reads OIDC settings', () => {
    const config = loadConfig(
      { TOCSIN_OIDC_ISSUER: 'https://id.example.com', TOCSIN_OIDC_CLIENT_ID: 'tocsin', TOCSIN_OIDC_CLIENT_SECRET: 's' },
      '/',
    );
    expect(config.oidc).toMatchObject({
      issuer: 'https://id.example.com',
      clientId: 'tocsin',
      defaultRole: 'responder',
      autoCreateUsers: true,
    });
  });

  it('trusts no proxy by default, and the ones listed when set', () => {
    expect(loadConfig({}, '/').trustedProxies).toEqual([]);
    expect(
      loadConfig({ TOCSIN_TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.10,::1, fd00::/8,loopback' }, '/').trustedProxies,
    ).toEqual(['10.0.0.0/8', '192.168.1.10', '::1', 'fd00::/8', 'loopback']);
  });

  it('bounds how long requests wait for the database, by default within seconds', () => {
    const config = loadConfig({}, '/');
    expect(config.databaseConnectTimeoutMs).toBe(5_000);
    expect(config.databaseStatementTimeoutMs).toBe(5_000);
    expect(loadConfig({ TOCSIN_DATABASE_STATEMENT_TIMEOUT_MS: '30000' }, '/').databaseStatementTimeoutMs).toBe(30_000);
  });
});
