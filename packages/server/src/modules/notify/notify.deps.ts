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

export interface NotifyDeps {
  settings: NotifySettings;
  secret: SecretSource;
  providers: ProviderRegistry;
}

export function createNotifyDeps(
  db: Db,
  clock: Clock,
  settings: NotifySettings,
  mail: MailTransport | undefined,
): NotifyDeps {
  return {
    settings,
    secret: secretSource(db, clock, settings.secretKey),
    providers: createProviders(settings, clock, mail),
  };
}

export async function keyFor(deps: NotifyDeps, purpose: KeyPurpose): Promise<string> {
  return deriveKey(await deps.secret(), purpose);
}

/** The key a webhook contact method's (or channel's) receiver verifies signatures with. */
export const webhookKeyScope = (kind: 'contact-method' | 'channel', id: string): KeyPurpose => `webhook:${kind}:${id}`;
