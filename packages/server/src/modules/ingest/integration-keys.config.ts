/**
 * A service's integration keys in config as code: `{ name, type, settings? }`,
 * matched by type and name (without regard to case). The routing key is
 * neither read from nor written to the file: a new key gets a fresh one, and
 * an existing key keeps its own, so export → apply changes nothing. Keys live
 * inside a service's item, so this is the part the services kind is built
 * with (services.config.ts), not a kind of its own.
 */
import { z } from 'zod';
import { byText, configObject, nameKey, sameJson, type PlannedChange } from '../config-kit/index.js';
import type { Ctx } from '../context.js';
import type { Service, ServiceKeysConfig } from '../services/index.js';
import {
  IntegrationTypeSchema,
  KeyNameSchema,
  SETTINGS_SCHEMAS,
  type CreateIntegrationKeyInput,
  type IntegrationKeyRecord,
} from './integration-keys.schema.js';
import {
  createIntegrationKey,
  deleteIntegrationKey,
  listIntegrationKeys,
  updateIntegrationKey,
} from './integration-keys.service.js';

const ConfigKeySchema = configObject({
  name: KeyNameSchema,
  type: IntegrationTypeSchema,
  settings: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('webhook: field mapping; email: dedup rule; heartbeat: interval'),
}).superRefine((key, ctx) => {
  const result = SETTINGS_SCHEMAS[key.type].safeParse(key.settings ?? {});
  if (result.success) return;
  for (const issue of result.error.issues) {
    const message =
      issue.code === 'invalid_type' && issue.message.includes('received undefined') ? 'is required' : issue.message;
    ctx.addIssue({ code: 'custom', path: ['settings', ...issue.path], message });
  }
});
type ConfigKey = z.output<typeof ConfigKeySchema>;

/** Service id → its keys. */
type KeysByService = Map<string, IntegrationKeyRecord[]>;

async function loadKeys(ctx: Ctx, services: Service[]): Promise<KeysByService> {
  const keys: KeysByService = new Map();
  for (const service of services) keys.set(service.id, await listIntegrationKeys(ctx, service.id));
  return keys;
}

const identity = (type: string, name: string) => `${type}/${nameKey(name)}`;
/** Keys are listed by name, as people look for them. */
const order = (k: { type: string; name: string }) => `${nameKey(k.name)}/${k.type}`;
const settingsOf = (key: ConfigKey) => SETTINGS_SCHEMAS[key.type].parse(key.settings ?? {});

/** The changes that make a service's keys match the list (the service may be created by the same plan). */
function keyChanges(slug: string, current: IntegrationKeyRecord[], wanted: ConfigKey[]): PlannedChange[] {
  const existing = new Map(current.map((k) => [identity(k.type, k.name), k]));
  const changes: PlannedChange[] = [];
  for (const key of [...wanted].sort(byText(order))) {
    const id = identity(key.type, key.name);
    const now = existing.get(id);
    const settings = settingsOf(key);
    if (!now) {
      changes.push({
        kind: 'integration_key',
        action: 'create',
        key: `${slug}/${id}`,
        line: `+ integration key ${slug}/${key.type} "${key.name}"`,
        run: async (ctx) => {
          await createIntegrationKey(ctx, slug, {
            type: key.type,
            name: key.name,
            settings,
          } as CreateIntegrationKeyInput);
        },
      });
      continue;
    }
    const diffs = [
      ...(now.name !== key.name ? [`name "${now.name}" → "${key.name}"`] : []),
      ...(!sameJson(now.settings, settings) ? ['settings changed'] : []),
    ];
    if (diffs.length === 0) continue;
    changes.push({
      kind: 'integration_key',
      action: 'update',
      key: `${slug}/${id}`,
      line: `~ integration key ${slug}/${key.type} "${now.name}": ${diffs.join(', ')}`,
      run: async (ctx) => {
        await updateIntegrationKey(ctx, now.serviceId, now.id, { name: key.name, settings });
      },
    });
  }
  const kept = new Set(wanted.map((k) => identity(k.type, k.name)));
  for (const [id, key] of [...existing].sort(byText(([, k]) => order(k)))) {
    if (kept.has(id)) continue;
    changes.push({
      kind: 'integration_key',
      action: 'delete',
      key: `${slug}/${id}`,
      line: `- integration key ${slug}/${key.type} "${key.name}" (not in the file)`,
      run: async (ctx) => {
        await deleteIntegrationKey(ctx, key.serviceId, key.id);
      },
    });
  }
  return changes;
}

/** Settings are left out where they are what an empty `settings` would give. */
function exportKeys(keys: IntegrationKeyRecord[]): ConfigKey[] {
  const isDefault = (k: IntegrationKeyRecord) => {
    const empty = SETTINGS_SCHEMAS[k.type].safeParse({});
    return empty.success && sameJson(k.settings, empty.data);
  };
  return [...keys]
    .sort(byText(order))
    .map((k) => ({ name: k.name, type: k.type, ...(!isDefault(k) && { settings: k.settings }) }));
}

export const integrationKeysConfig: ServiceKeysConfig<ConfigKey, KeysByService> = {
  itemSchema: ConfigKeySchema,
  identify: (key) => ({ field: 'name', value: identity(key.type, key.name) }),
  load: loadKeys,
  plan: (keys, slug, serviceId, wanted) =>
    keyChanges(slug, serviceId === undefined ? [] : (keys.get(serviceId) ?? []), wanted),
  export: (keys, serviceId) => exportKeys(keys.get(serviceId) ?? []),
};
