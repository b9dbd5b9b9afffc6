/**
 * Services in config as code, matched by slug: `services: [{ slug, name,
 * escalationPolicy: <policy name>, team?: <slug>, timeZone?, businessHours?,
 * urgencyRules?, slaTargets?, grouping?, noticeChannels?: [<channel name>],
 * isDisabled?, description?, integrationKeys?: [{ name, type, settings? }] }]`.
 * Optional fields are left as they are when omitted (defaults for new
 * services). A listed `integrationKeys` is the whole set, matched by type and
 * name: keys missing from it are deleted. Routing keys are never in the file
 * (whoever reads it could page people); maintenance windows are not either.
 * With prune, services the file leaves out are deleted.
 */
import { z } from 'zod';
import { channelsConfig, ChannelNameSchema, getChannel } from '../channels/index.js';
import {
  byText,
  configObject,
  duplicateIssues,
  formatPath,
  invalidDocument,
  keysAfterApply,
  nameKey,
  sameJson,
  type ConfigResource,
  type DocumentIssue,
  type PlanEnv,
  type PlannedChange,
  type StateView,
} from '../config-kit/index.js';
import type { Ctx } from '../context.js';
import { getPolicy, PolicyNameSchema, policiesConfig } from '../escalation/index.js';
import { getTeam, SlugSchema, teamsConfig } from '../teams/index.js';
import {
  BusinessHoursSchema,
  GroupingSchema,
  ServiceNameSchema,
  ServiceSlugSchema,
  SlaTargetsSchema,
  TimeZoneSchema,
  UrgencyRulesSchema,
  type Service,
  type UpdateServiceInput,
} from './services.schema.js';
import { createService, deleteService, listServices, updateService } from './services.service.js';
import { DEFAULT_SLA_TARGETS, DEFAULT_URGENCY_RULES } from './services.types.js';

/**
 * What the services kind needs from the owner of integration keys. Ingest
 * owns them and depends on services, so its part is handed in where the
 * kinds are listed (config.kinds.ts) rather than imported here.
 */
export interface ServiceKeysConfig<Key, State> {
  /** One key of a service's `integrationKeys`, strict. */
  readonly itemSchema: z.ZodType<Key>;
  /** What no two keys of one service may share, for duplicate checks. */
  identify(key: Key): { field: string; value: string };
  load(ctx: Ctx, services: Service[]): Promise<State>;
  /** The changes that make a service's keys match the list; `serviceId` is undefined for a service the plan creates. */
  plan(state: State, slug: string, serviceId: string | undefined, wanted: Key[]): PlannedChange[];
  export(state: State, serviceId: string): Key[];
}

const serviceFields = {
  slug: ServiceSlugSchema,
  name: ServiceNameSchema,
  description: z.string().max(2000).optional(),
  team: SlugSchema.nullable().optional().describe('the owning team; left as it is when omitted'),
  escalationPolicy: PolicyNameSchema.describe('the name of an escalation policy'),
  timeZone: TimeZoneSchema.optional(),
  businessHours: BusinessHoursSchema.nullable().optional(),
  urgencyRules: UrgencyRulesSchema.optional(),
  slaTargets: SlaTargetsSchema.optional(),
  grouping: GroupingSchema.optional(),
  noticeChannels: z
    .array(ChannelNameSchema)
    .max(10)
    .optional()
    .describe('names of chat channels every new incident is posted to'),
  isDisabled: z.boolean().optional(),
};
type ServiceFields = z.ZodObject<typeof serviceFields>;

export type ConfigService<Key = unknown> = z.input<ServiceFields> & { integrationKeys?: Key[] };
type ParsedService<Key = unknown> = z.output<ServiceFields> & { integrationKeys?: Key[] };

/** A service item: its own fields and the keys part's list, one strict object (unknown keys name both). */
function serviceSchemaWith<Key, KeysState>(keys: ServiceKeysConfig<Key, KeysState>) {
  return configObject({
    ...serviceFields,
    integrationKeys: z
      .array(keys.itemSchema)
      .superRefine((list, ctx) => {
        for (const issue of duplicateIssues(list, (k) => keys.identify(k))) ctx.addIssue({ code: 'custom', ...issue });
      })
      .optional()
      .describe('the whole set of keys, matched by type and name; left as it is when omitted'),
  });
}

export interface ServicesState<KeysState = unknown> {
  bySlug: Map<string, Service>;
  keys: KeysState;
}

/** The service's stored settings in the file's words. */
function describeService(service: Service, view: StateView) {
  const channels = new Map([...view.current(channelsConfig).byName.values()].map((c) => [c.id, c.name]));
  return {
    noticeChannels: service.noticeChannelIds.map((id) => channels.get(id) ?? id),
  };
}

function referenceIssues(env: PlanEnv, desired: ParsedService[]): DocumentIssue[] {
  const teams = keysAfterApply(env, teamsConfig, env.current(teamsConfig).bySlug.keys(), (t) => t.slug);
  const policies = keysAfterApply(env, policiesConfig, env.current(policiesConfig).byName.keys(), (p) =>
    nameKey(p.name),
  );
  const channels = keysAfterApply(env, channelsConfig, env.current(channelsConfig).byName.keys(), (c) =>
    nameKey(c.name),
  );
  const issues: DocumentIssue[] = [];
  desired.forEach((service, s) => {
    const at = (...path: PropertyKey[]) => formatPath(['services', s, ...path]);
    if (service.team && !teams.has(service.team))
      issues.push({ path: at('team'), message: `team ${service.team} does not exist: add it under teams` });
    if (!policies.has(nameKey(service.escalationPolicy))) {
      issues.push({
        path: at('escalationPolicy'),
        message: `escalation policy "${service.escalationPolicy}" does not exist: add it under escalationPolicies`,
      });
    }
    (service.noticeChannels ?? []).forEach((name, c) => {
      if (!channels.has(nameKey(name)))
        issues.push({
          path: at('noticeChannels', c),
          message: `channel "${name}" does not exist: add it under channels`,
        });
    });
  });
  return issues;
}

const teamIdOf = async (ctx: Ctx, slug: string | null | undefined) => (slug ? (await getTeam(ctx, slug)).id : null);
const channelIdsOf = async (ctx: Ctx, names: string[]) =>
  Promise.all(names.map(async (name) => (await getChannel(ctx, name)).id));

function createChange(item: ParsedService): PlannedChange {
  return {
    kind: 'service',
    action: 'create',
    key: item.slug,
    line: `+ service ${item.slug} "${item.name}"`,
    run: async (ctx) => {
      await createService(ctx, {
        slug: item.slug,
        name: item.name,
        description: item.description ?? '',
        teamId: await teamIdOf(ctx, item.team),
        escalationPolicyId: (await getPolicy(ctx, item.escalationPolicy)).id,
        ...(item.timeZone !== undefined && { timeZone: item.timeZone }),
        ...(item.businessHours !== undefined && { businessHours: item.businessHours }),
        ...(item.urgencyRules !== undefined && { urgencyRules: item.urgencyRules }),
        ...(item.slaTargets !== undefined && { slaTargets: item.slaTargets }),
        ...(item.grouping !== undefined && { grouping: item.grouping }),
        noticeChannelIds: await channelIdsOf(ctx, item.noticeChannels ?? []),
        isDisabled: item.isDisabled ?? false,
      });
    },
  };
}

function updateChange(env: PlanEnv, existing: Service, item: ParsedService): PlannedChange | undefined {
  const diffs: string[] = [];
  const patch: Omit<UpdateServiceInput, 'teamId' | 'escalationPolicyId' | 'noticeChannelIds'> = {};
  const refs = { team: false, policy: false, channels: false };
  const differs = (field: keyof ParsedService, current: unknown, label: string) => {
    const wanted = item[field];
    if (wanted === undefined || sameJson(current, wanted)) return false;
    diffs.push(label);
    return true;
  };
  if (differs('name', existing.name, `name "${existing.name}" → "${item.name}"`)) patch.name = item.name;
  if (differs('description', existing.description, 'description changed')) patch.description = item.description;
  if (item.team !== undefined && (existing.team?.slug ?? null) !== item.team) {
    refs.team = true;
    diffs.push(`team ${existing.team?.slug ?? 'none'} → ${item.team ?? 'none'}`);
  }
  if (nameKey(existing.escalationPolicy.name) !== nameKey(item.escalationPolicy)) {
    refs.policy = true;
    diffs.push(`escalation policy "${existing.escalationPolicy.name}" → "${item.escalationPolicy}"`);
  }
  if (differs('timeZone', existing.timeZone, `time zone ${existing.timeZone} → ${item.timeZone}`))
    patch.timeZone = item.timeZone;
  if (differs('businessHours', existing.businessHours, 'business hours changed'))
    patch.businessHours = item.businessHours;
  if (differs('urgencyRules', existing.urgencyRules, 'urgency rules changed')) patch.urgencyRules = item.urgencyRules;
  if (differs('slaTargets', existing.slaTargets, 'SLA targets changed')) patch.slaTargets = item.slaTargets;
  if (differs('grouping', existing.grouping, 'grouping changed')) patch.grouping = item.grouping;
  if (
    item.noticeChannels !== undefined &&
    !sameJson(describeService(existing, env).noticeChannels.map(nameKey), item.noticeChannels.map(nameKey))
  ) {
    refs.channels = true;
    diffs.push('notice channels changed');
  }
  if (differs('isDisabled', existing.isDisabled, item.isDisabled ? 'disable' : 'enable'))
    patch.isDisabled = item.isDisabled;
  if (diffs.length === 0) return undefined;
  return {
    kind: 'service',
    action: 'update',
    key: item.slug,
    line: `~ service ${item.slug}: ${diffs.join(', ')}`,
    run: async (ctx) => {
      await updateService(ctx, existing.id, {
        ...patch,
        ...(refs.team && { teamId: await teamIdOf(ctx, item.team) }),
        ...(refs.policy && { escalationPolicyId: (await getPolicy(ctx, item.escalationPolicy)).id }),
        ...(refs.channels && { noticeChannelIds: await channelIdsOf(ctx, item.noticeChannels ?? []) }),
      });
    },
  };
}

/** The services kind, with the integration keys part its items carry. */
export function servicesConfigWith<Key, KeysState>(
  keysPart: ServiceKeysConfig<Key, KeysState>,
): ConfigResource<ConfigService<Key>, ServicesState<KeysState>, 'services'> {
  const servicesConfig: ConfigResource<ConfigService<Key>, ServicesState<KeysState>, 'services'> = {
    key: 'services',
    itemSchema: serviceSchemaWith(keysPart) as unknown as z.ZodType<ConfigService<Key>>,

    identify: (item) => ({ field: 'slug', value: item.slug }),

    async load(ctx) {
      const services = await listServices(ctx);
      return { bySlug: new Map(services.map((s) => [s.slug, s])), keys: await keysPart.load(ctx, services) };
    },

    plan(env) {
      const desired = env.desired(servicesConfig) as ParsedService<Key>[] | undefined;
      if (!desired) return [];
      const issues = referenceIssues(env, desired);
      if (issues.length > 0) throw invalidDocument(issues);
      const { bySlug, keys } = env.current(servicesConfig);
      const changes: PlannedChange[] = [];
      for (const item of [...desired].sort(byText((s) => s.slug))) {
        const existing = bySlug.get(item.slug);
        const change = existing ? updateChange(env, existing, item) : createChange(item);
        if (change) changes.push(change);
        if (item.integrationKeys) changes.push(...keysPart.plan(keys, item.slug, existing?.id, item.integrationKeys));
      }
      if (env.prune) {
        const kept = new Set(desired.map((s) => s.slug));
        for (const service of [...bySlug.values()].sort(byText((s) => s.slug))) {
          if (kept.has(service.slug)) continue;
          changes.push({
            kind: 'service',
            action: 'delete',
            key: service.slug,
            line: `- service ${service.slug} "${service.name}" (not in the file)`,
            run: async (ctx) => {
              await deleteService(ctx, service.id);
            },
          });
        }
      }
      return changes;
    },

    export(view) {
      const { bySlug, keys } = view.current(servicesConfig);
      return [...bySlug.values()].sort(byText((s) => s.slug)).map((service) => {
        const { noticeChannels } = describeService(service, view);
        return {
          slug: service.slug,
          name: service.name,
          ...(service.description !== '' && { description: service.description }),
          ...(service.team && { team: service.team.slug }),
          escalationPolicy: service.escalationPolicy.name,
          ...(service.timeZone !== 'UTC' && { timeZone: service.timeZone }),
          ...(service.businessHours && { businessHours: service.businessHours }),
          ...(!sameJson(service.urgencyRules, DEFAULT_URGENCY_RULES) && { urgencyRules: service.urgencyRules }),
          ...(!sameJson(service.slaTargets, DEFAULT_SLA_TARGETS) && { slaTargets: service.slaTargets }),
          ...(service.grouping.mode !== 'dedup_key' && { grouping: service.grouping as ParsedService['grouping'] }),
          ...(noticeChannels.length > 0 && { noticeChannels }),
          ...(service.isDisabled && { isDisabled: true }),
          integrationKeys: keysPart.export(keys, service.id),
        };
      });
    },
  };
  return servicesConfig;
}
