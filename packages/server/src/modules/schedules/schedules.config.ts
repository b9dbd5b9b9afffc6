/**
 * Schedules in config as code, matched by name without regard to case:
 * `schedules: [{ name, description?, team?, timeZone, layers: [{ name,
 * participants: [emails], shift: { length, unit }, handoffTime, startDate,
 * restrictions?, rotationOffset? }], overrides?: [{ user, replaces?, kind?,
 * from, to }] }]`. The time zone and layers are the whole definition: a
 * difference becomes a new version from now (a layer that leaves out
 * rotationOffset keeps its place in the rotation). Description and team are
 * left as they are when omitted. When `overrides` is listed, the ones not yet
 * over are created if missing and, with prune, those the file leaves out end
 * now; overrides already over are left alone. With prune, schedules the file
 * leaves out are deleted.
 */
import { z } from 'zod';
import {
  byText,
  configObject,
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
import { getTeam, SlugSchema, teamsConfig } from '../teams/index.js';
import { emailKey, findUserByEmail, projectUsers, usersConfig } from '../users/index.js';
import { LayerSchema, RestrictionSchema, ShiftLengthSchema, ZoneSchema } from './definition.schema.js';
import { createOverride, listOverrides, removeOverride } from './overrides.service.js';
import type { Override } from './overrides.schema.js';
import { InstantSchema, ScheduleNameSchema, type Schedule } from './schedules.schema.js';
import { createSchedule, deleteSchedule, listSchedules, updateSchedule } from './schedules.service.js';

const ConfigLayerSchema = configObject({
  name: LayerSchema.shape.name,
  participants: z.array(z.email().max(320)).max(200).describe('emails, in turn order'),
  shift: ShiftLengthSchema,
  handoffTime: LayerSchema.shape.handoffTime,
  startDate: LayerSchema.shape.startDate,
  restrictions: z.array(RestrictionSchema).max(50).optional(),
  rotationOffset: LayerSchema.shape.rotationOffset.describe('left as it is when omitted'),
});

const ConfigOverrideSchema = configObject({
  user: z.email().max(320).describe('add: who is added; replace: who takes the slot; remove: who is taken off'),
  replaces: z.email().max(320).optional().describe("replace: whose slot; everyone's when omitted"),
  kind: z.enum(['add', 'replace', 'remove']).default('replace'),
  from: InstantSchema,
  to: InstantSchema,
});

export const ConfigScheduleSchema = configObject({
  name: ScheduleNameSchema,
  description: z.string().max(2000).optional().describe('left as it is when omitted'),
  team: SlugSchema.nullable().optional().describe('the team whose managers may change it; left as it is when omitted'),
  timeZone: ZoneSchema,
  layers: z.array(ConfigLayerSchema).max(20).describe('bottom up: a later layer wins where it has someone on call'),
  overrides: z.array(ConfigOverrideSchema).max(500).optional().describe('managed only when listed'),
});
export type ConfigSchedule = z.input<typeof ConfigScheduleSchema>;
type ParsedSchedule = z.output<typeof ConfigScheduleSchema>;
type ParsedLayer = ParsedSchedule['layers'][number];
type ParsedOverride = NonNullable<ParsedSchedule['overrides']>[number];

export interface SchedulesState {
  /** Lowercased name → schedule (the version in effect now). */
  byName: Map<string, Schedule>;
  /** Schedule id → overrides not yet over, not removed. */
  overrides: Map<string, Override[]>;
  now: Date;
}

const emailsById = (view: StateView) =>
  new Map([...view.current(usersConfig).byEmail.values()].map((u) => [u.id, u.email]));

/** The stored layers in the file's words. */
function describeLayers(schedule: Schedule, view: StateView): ParsedLayer[] {
  const emails = emailsById(view);
  return schedule.definition.layers.map((l) => ({
    name: l.name,
    participants: l.participants.map((id) => emails.get(id) ?? id),
    shift: l.shift,
    handoffTime: l.handoffTime,
    startDate: l.startDate,
    ...(l.restrictions?.length && { restrictions: l.restrictions }),
    ...(l.rotationOffset && { rotationOffset: l.rotationOffset }),
  }));
}

/** Layers for comparison: emails lowercased, and an omitted offset taken as the stored one. */
function comparable(layers: ParsedLayer[], stored: ParsedLayer[]): unknown {
  return layers.map((l) => {
    const current = stored.find((s) => s.name === l.name);
    const n = l.participants.length;
    const offset = l.rotationOffset ?? current?.rotationOffset ?? 0;
    return {
      ...l,
      participants: l.participants.map(emailKey),
      restrictions: (l.restrictions ?? []).map((r) => ({
        ...r,
        days: r.days && r.days.length < 7 ? [...new Set(r.days)].sort() : undefined,
      })),
      rotationOffset: n === 0 ? 0 : offset % n,
    };
  });
}

async function userIdOf(ctx: Ctx, email: string): Promise<string> {
  const user = await findUserByEmail(ctx, email);
  if (!user) throw new Error(`user ${email} does not exist`);
  return user.id;
}

async function resolveLayers(ctx: Ctx, layers: ParsedLayer[]) {
  const out = [];
  for (const l of layers) {
    const participants: string[] = [];
    for (const email of l.participants) participants.push(await userIdOf(ctx, email));
    out.push({ ...l, participants });
  }
  return out;
}

const teamIdOf = async (ctx: Ctx, slug: string | null | undefined) => (slug ? (await getTeam(ctx, slug)).id : slug);

function referenceIssues(env: PlanEnv, desired: ParsedSchedule[]): DocumentIssue[] {
  const users = new Set(projectUsers(env).active.keys());
  const teams = keysAfterApply(env, teamsConfig, env.current(teamsConfig).bySlug.keys(), (t) => t.slug);
  const issues: DocumentIssue[] = [];
  desired.forEach((schedule, s) => {
    if (schedule.team && !teams.has(schedule.team))
      issues.push({
        path: formatPath(['schedules', s, 'team']),
        message: `team ${schedule.team} does not exist: add it under teams`,
      });
    const seen = new Set<string>();
    schedule.layers.forEach((layer, l) => {
      if (seen.has(nameKey(layer.name)))
        issues.push({
          path: formatPath(['schedules', s, 'layers', l, 'name']),
          message: `layer name "${layer.name}" is used twice`,
        });
      seen.add(nameKey(layer.name));
      layer.participants.forEach((email, p) => {
        if (!users.has(emailKey(email)))
          issues.push({
            path: formatPath(['schedules', s, 'layers', l, 'participants', p]),
            message: `${email} is not an active user: add them under users`,
          });
      });
    });
    (schedule.overrides ?? []).forEach((o, i) => {
      for (const [field, email] of [
        ['user', o.user],
        ['replaces', o.replaces],
      ] as const) {
        if (email !== undefined && !users.has(emailKey(email)))
          issues.push({
            path: formatPath(['schedules', s, 'overrides', i, field]),
            message: `${email} is not an active user: add them under users`,
          });
      }
      if (o.replaces !== undefined && o.kind !== 'replace')
        issues.push({
          path: formatPath(['schedules', s, 'overrides', i, 'replaces']),
          message: 'is for replace overrides only',
        });
    });
  });
  return issues;
}

function scheduleChange(env: PlanEnv, existing: Schedule | undefined, item: ParsedSchedule): PlannedChange | undefined {
  if (!existing) {
    return {
      kind: 'schedule',
      action: 'create',
      key: nameKey(item.name),
      line: `+ schedule "${item.name}" (${item.layers.length} layer${item.layers.length === 1 ? '' : 's'}, ${item.timeZone})`,
      run: async (ctx) => {
        await createSchedule(ctx, {
          name: item.name,
          description: item.description ?? '',
          teamId: (await teamIdOf(ctx, item.team)) ?? null,
          timeZone: item.timeZone,
          layers: await resolveLayers(ctx, item.layers),
        });
      },
    };
  }
  const diffs: string[] = [];
  const stored = describeLayers(existing, env);
  const teamSlug = existing.teamId
    ? ([...env.current(teamsConfig).bySlug.values()].find((t) => t.id === existing.teamId)?.slug ?? null)
    : null;
  const renamed = existing.name !== item.name;
  const describe = item.description !== undefined && existing.description !== item.description;
  const moveTeam = item.team !== undefined && teamSlug !== item.team;
  const zone = existing.timeZone !== item.timeZone;
  const layers = !sameJson(comparable(item.layers, stored), comparable(stored, stored));
  if (renamed) diffs.push(`name "${existing.name}" → "${item.name}"`);
  if (describe) diffs.push('description changed');
  if (moveTeam) diffs.push(`team ${teamSlug ?? 'none'} → ${item.team ?? 'none'}`);
  if (zone) diffs.push(`time zone ${existing.timeZone} → ${item.timeZone}`);
  if (layers) diffs.push('layers changed (a new version from now)');
  if (diffs.length === 0) return undefined;
  return {
    kind: 'schedule',
    action: 'update',
    key: nameKey(item.name),
    line: `~ schedule "${existing.name}": ${diffs.join(', ')}`,
    run: async (ctx) => {
      await updateSchedule(ctx, existing.id, {
        ...(renamed && { name: item.name }),
        ...(describe && { description: item.description }),
        ...(moveTeam && { teamId: (await teamIdOf(ctx, item.team)) ?? null }),
        ...((zone || layers) && { timeZone: item.timeZone, layers: await resolveLayers(ctx, item.layers) }),
      });
    },
  };
}

const overrideLine = (o: { kind: string; user: string; replaces?: string | undefined; from: string; to: string }) =>
  `${o.kind} ${o.user}${o.kind === 'replace' ? ` for ${o.replaces ?? 'everyone'}` : ''} ${o.from} → ${o.to}`;

/** Overrides to create (missing, not over) and, with prune, to end. An override whose start was moved to its creation still matches. */
function overrideChanges(env: PlanEnv, existing: Schedule | undefined, item: ParsedSchedule): PlannedChange[] {
  if (!item.overrides) return [];
  const { overrides, now } = env.current(schedulesConfig);
  const current = existing ? (overrides.get(existing.id) ?? []) : [];
  const emails = emailsById(env);
  const matched = new Set<string>();
  const changes: PlannedChange[] = [];
  for (const o of item.overrides) {
    if (Date.parse(o.to) <= now.getTime()) continue;
    const match = current.find(
      (c) =>
        !matched.has(c.id) &&
        c.kind === o.kind &&
        emailKey(c.user.email) === emailKey(o.user) &&
        (c.replaces ? emailKey(c.replaces.email) : undefined) === (o.replaces && emailKey(o.replaces)) &&
        Date.parse(c.endsAt) === Date.parse(o.to) &&
        Date.parse(c.startsAt) >= Date.parse(o.from) &&
        (Date.parse(c.startsAt) === Date.parse(o.from) || Date.parse(c.startsAt) <= Date.parse(c.createdAt)),
    );
    if (match) {
      matched.add(match.id);
      continue;
    }
    changes.push({
      kind: 'schedule_override',
      action: 'create',
      key: `${nameKey(item.name)}/${o.kind}/${emailKey(o.user)}/${o.from}`,
      line: `+ override on "${item.name}": ${overrideLine(o)}`,
      run: async (ctx) => {
        await createOverride(ctx, item.name, {
          kind: o.kind,
          userId: await userIdOf(ctx, o.user),
          ...(o.replaces && { replacesUserId: await userIdOf(ctx, o.replaces) }),
          startsAt: o.from,
          endsAt: o.to,
        });
      },
    });
  }
  if (env.prune && existing) {
    for (const c of current.filter((x) => !matched.has(x.id))) {
      changes.push({
        kind: 'schedule_override',
        action: 'delete',
        key: `${nameKey(item.name)}/${c.id}`,
        line: `- override on "${existing.name}": ${overrideLine({ kind: c.kind, user: emails.get(c.user.id) ?? c.user.email, replaces: c.replaces?.email, from: c.startsAt, to: c.endsAt })} (not in the file: ends now)`,
        run: async (ctx) => {
          await removeOverride(ctx, existing.id, c.id);
        },
      });
    }
  }
  return changes;
}

export const schedulesConfig: ConfigResource<ConfigSchedule, SchedulesState, 'schedules'> = {
  key: 'schedules',
  itemSchema: ConfigScheduleSchema as unknown as z.ZodType<ConfigSchedule>,

  identify: (item) => ({ field: 'name', value: nameKey(item.name) }),

  async load(ctx) {
    const schedules = await listSchedules(ctx);
    const now = ctx.clock.now();
    const overrides = new Map<string, Override[]>();
    for (const s of schedules)
      overrides.set(
        s.id,
        (
          await listOverrides(ctx, s.id, {
            from: now.toISOString(),
            to: new Date(now.getTime() + 399 * 86_400_000).toISOString(),
          })
        ).filter((o) => !o.removedAt),
      );
    return { byName: new Map(schedules.map((s) => [nameKey(s.name), s])), overrides, now };
  },

  plan(env) {
    const desired = env.desired(schedulesConfig) as ParsedSchedule[] | undefined;
    if (!desired) return [];
    const issues = referenceIssues(env, desired);
    if (issues.length > 0) throw invalidDocument(issues);
    const { byName } = env.current(schedulesConfig);
    const changes: PlannedChange[] = [];
    for (const item of [...desired].sort(byText((s) => nameKey(s.name)))) {
      const existing = byName.get(nameKey(item.name));
      const change = scheduleChange(env, existing, item);
      if (change) changes.push(change);
      changes.push(...overrideChanges(env, existing, item));
    }
    if (env.prune) {
      const kept = new Set(desired.map((s) => nameKey(s.name)));
      for (const [key, schedule] of [...byName].sort(byText(([k]) => k))) {
        if (kept.has(key)) continue;
        changes.push({
          kind: 'schedule',
          action: 'delete',
          key,
          line: `- schedule "${schedule.name}" (not in the file)`,
          run: async (ctx) => {
            await deleteSchedule(ctx, schedule.id);
          },
        });
      }
    }
    return changes;
  },

  export(view) {
    const { byName, overrides } = view.current(schedulesConfig);
    const slugs = new Map([...view.current(teamsConfig).bySlug.values()].map((t) => [t.id, t.slug]));
    return [...byName].sort(byText(([key]) => key)).map(([, s]) => {
      const pending = overrides.get(s.id) ?? [];
      return {
        name: s.name,
        ...(s.description !== '' && { description: s.description }),
        ...(s.teamId && { team: slugs.get(s.teamId) ?? null }),
        timeZone: s.timeZone,
        layers: describeLayers(s, view),
        ...(pending.length > 0 && {
          overrides: pending.map((o) => ({
            user: o.user.email,
            ...(o.replaces && { replaces: o.replaces.email }),
            kind: o.kind,
            from: o.startsAt,
            to: o.endsAt,
          })),
        }),
      };
    });
  },
};
