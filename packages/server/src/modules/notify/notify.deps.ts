/**
 * What notify's use cases and jobs need besides a Ctx: the deployment's
 * settings, the base secret, and the providers. The composition root builds
 * one of these per process.
 */
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { MailTransport, NotifySettings, ProviderRegistry } from './notify.types.js';
import { createProviders } from './providers/registry.js';
import { deriveKey, secretSource, type KeyPurpose, type SecretSource } from './secret-key.js';
import { vapidSource, type VapidSource } from './vapid-keys.js';

export interface NotifyDeps {
  settings: NotifySettings;
  secret: SecretSource;
  /** The VAPID key pair push is signed with (made on first use, kept sealed). */
  vapid: VapidSource;
  providers: ProviderRegistry;
}

export function createNotifyDeps(
  db: Db,
  clock: Clock,
  settings: NotifySettings,
  mail: MailTransport | undefined,
): NotifyDeps {
  const secret = secretSource(db, clock, settings.secretKey);
  const vapid = vapidSource(db, clock, secret);
  return { settings, secret, vapid, providers: createProviders(settings, clock, mail, vapid) };
}

export async function keyFor(deps: NotifyDeps, purpose: KeyPurpose): Promise<string> {
  return deriveKey(await deps.secret(), purpose);
}

/** The key a webhook contact method's (or channel's) receiver verifies signatures with. */
export const webhookKeyScope = (kind: 'contact-method' | 'channel', id: string): KeyPurpose => `webhook:${kind}:${id}`;
