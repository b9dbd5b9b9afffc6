import { createECDH } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateVapidKeys, openVapidKeys, sealVapidKeys } from './vapid-keys.js';

describe('VAPID keys', () => {
  it('are a P-256 pair: the public key is the private key times the generator', () => {
    const keys = generateVapidKeys();
    expect(Buffer.from(keys.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(keys.privateKey, 'base64url')).toHaveLength(32);
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(keys.privateKey, 'base64url'));
    expect(ecdh.getPublicKey().toString('base64url')).toBe(keys.publicKey);
  });

  it('keep the private key sealed at rest, opened only with the same secret and public key', () => {
    const keys = generateVapidKeys();
    const stored = sealVapidKeys(keys, 'secret-one');
    expect(JSON.stringify(stored)).not.toContain(keys.privateKey);
    expect(openVapidKeys(stored, 'secret-one')).toEqual(keys);
    expect(openVapidKeys(stored, 'secret-two')).toBeUndefined();
    expect(openVapidKeys({ ...stored, publicKey: generateVapidKeys().publicKey }, 'secret-one')).toBeUndefined();
  });
});
