/**
 * Escalation policies in config as code, matched by name without regard to
 * case: `escalationPolicies: [{ name, description?, team?, repeatCount?,
 * levels: [{ delayMinutes, targets: [{ user: email } | { team: slug } |
 * { channel: name }] }] }]`. The levels and repeat count (0 when left out)
 * are the whole policy; description and team are left as they are when
 * omitted. With prune, policies the file leaves out are deleted (refused
 * while a service pages through one).
 */
import { z } from 'zod';
import { channelsConfig, ChannelNameSchema, getChannel } from '../channels/index.js';
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
import { getSchedule, schedulesConfig } from '../schedules/index.js';
import { getTeam, SlugSchema, teamsConfig } from '../teams/index.js';
import { emailKey, findUserByEmail, projectUsers, usersConfig } from '../users/index.js';
import {
  DelayMinutesSchema,
  MAX_LEVELS,
  MAX_TARGETS_PER_LEVEL,
  PolicyNameSchema,
  RepeatCountSchema,
  type LevelInput,
  type Policy,
  type UpdatePolicyInput,
} from './escalation.schema.js';
import { createPolicy, deletePolicy, listPolicies, updatePolicy } from './escalation.service.js';

const ConfigTargetSchema = configObject({
  user: z.email().max(320).optional(),
  team: SlugSchema.optional(),
  channel: ChannelNameSchema.optional(),
  schedule: z.string().min(1).max(200).optional().describe('a schedule by name: pages whoever is on call on it'),
}).superRefine((target, ctx) => {
  const keys = Object.keys(target).filter((k) => target[k as keyof typeof target] !== undefined);
  if (keys.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message:
        'name exactly one target: { user: <email> }, { team: <slug> }, { schedule: <name> } or { channel: <name> }',
    });
  }
});
type ConfigTarget = z.infer<typeof ConfigTargetSchema>;

const ConfigLevelSchema = configObject({
  delayMinutes: DelayMinutesSchema,
  targets: z
    .array(ConfigTargetSchema)
    .min(1, 'a level notifies at least one target')
    .max(MAX_TARGETS_PER_LEVEL, `a level notifies at most ${MAX_TARGETS_PER_LEVEL} targets`),
});

export const ConfigPolicySchema = configObject({
  name: PolicyNameSchema,
  description: z.string().max(2000).optional().describe('left as it is when omitted'),
  team: SlugSchema.nullable().optional().describe('the owning team; left as it is when omitted'),
  repeatCount: RepeatCountSchema.default(0),
  levels: z
    .array(ConfigLevelSchema)
    .min(1, 'a policy has at least one level')
    .max(MAX_LEVELS, `a policy has at most ${MAX_LEVELS} levels`),
});
export type ConfigPolicy = z.input<typeof ConfigPolicySchema>;
type ParsedPolicy = z.output<typeof ConfigPolicySchema>;

export interface PoliciesState {
  /** Lowercased name → policy. */
  byName: Map<string, Policy>;
}

/** A target as the file writes it, normalised for comparison. */
const normalTarget = (t: ConfigTarget): ConfigTarget =>
  t.user !== undefined
    ? { user: emailKey(t.user) }
    : t.team !== undefined
      ? { team: t.team }
      : t.schedule !== undefined
        ? { schedule: nameKey(t.schedule) }
        : { channel: nameKey(t.channel ?? '') };

/** The stored policy in the file's words: ids become emails, slugs and channel names. */
function describeLevels(policy: Policy, view: StateView): Array<{ delayMinutes: number; targets: ConfigTarget[] }> {
  const emails = new Map([...view.current(usersConfig).byEmail.values()].map((u) => [u.id, u.email]));
  const slugs = new Map([...view.current(teamsConfig).bySlug.values()].map((t) => [t.id, t.slug]));
  const channels = new Map([...view.current(channelsConfig).byName.values()].map((c) => [c.id, c.name]));
  const schedules = new Map([...view.current(schedulesConfig).byName.values()].map((c) => [c.id, c.name]));
  return policy.levels.map((level) => ({
    delayMinutes: level.delayMinutes,
    targets: level.targets.map((t): ConfigTarget => {
      if (t.type === 'user') return { user: emails.get(t.id) ?? t.id };
      if (t.type === 'team') return { team: slugs.get(t.id) ?? t.id };
      if (t.type === 'channel') return { channel: channels.get(t.id) ?? t.id };
      return { schedule: schedules.get(t.id) ?? t.id };
    }),
  }));
}

const normalLevels = (levels: Array<{ delayMinutes: number; targets: ConfigTarget[] }>) =>
  levels.map((l) => ({ delayMinutes: l.delayMinutes, targets: l.targets.map(normalTarget) }));

/** Turns the file's targets into ids, at apply time (they may have been created moments before). */
async function resolveLevels(ctx: Ctx, levels: ParsedPolicy['levels']): Promise<LevelInput[]> {
  const resolved: LevelInput[] = [];
  for (const level of levels) {
    const targets: LevelInput['targets'] = [];
    for (const t of level.targets) {
      if (t.user !== undefined) {
        const user = await findUserByEmail(ctx, t.user);
        if (!user) throw new Error(`user ${t.user} does not exist`);
        targets.push({ type: 'user', id: user.id });
      } else if (t.team !== undefined) targets.push({ type: 'team', id: (await getTeam(ctx, t.team)).id });
      else if (t.schedule !== undefined)
        targets.push({ type: 'schedule', id: (await getSchedule(ctx, t.schedule)).id });
      else targets.push({ type: 'channel', id: (await getChannel(ctx, t.channel!)).id });
    }
    resolved.push({ delayMinutes: level.delayMinutes, targets });
  }
  return resolved;
}

const teamIdOf = async (ctx: Ctx, slug: string | null | undefined) => (slug ? (await getTeam(ctx, slug)).id : slug);

/** Every target and owning team must exist once the plan is applied. */
function referenceIssues(env: PlanEnv, desired: ParsedPolicy[]): DocumentIssue[] {
  // Active once applied, or already disabled (kept as they are; changing the policy then asks to replace them).
  const after = projectUsers(env);
  const disabled = [...env.current(usersConfig).byEmail].filter(([, u]) => u.isDisabled).map(([key]) => key);
  const users = new Set([...after.active.keys(), ...disabled]);
  const teams = keysAfterApply(env, teamsConfig, env.current(teamsConfig).bySlug.keys(), (t) => t.slug);
  const channels = keysAfterApply(env, channelsConfig, env.current(channelsConfig).byName.keys(), (c) =>
    nameKey(c.name),
  );
  const schedules = keysAfterApply(env, schedulesConfig, env.current(schedulesConfig).byName.keys(), (c) =>
    nameKey(c.name),
  );
  const issues: DocumentIssue[] = [];
  desired.forEach((policy, p) => {
    if (policy.team && !teams.has(policy.team)) {
      issues.push({
        path: formatPath(['escalationPolicies', p, 'team']),
        message: `team ${policy.team} does not exist: add it under teams`,
      });
    }
    policy.levels.forEach((level, l) =>
      level.targets.forEach((t, i) => {
        const at = (field: string) => formatPath(['escalationPolicies', p, 'levels', l, 'targets', i, field]);
        if (t.user !== undefined && !users.has(emailKey(t.user)))
          issues.push({
            path: at('user'),
            message: `${t.user} is not an active user${env.prune ? ' (or --prune disables them)' : ''}: add them under users`,
          });
        if (t.team !== undefined && !teams.has(t.team))
          issues.push({ path: at('team'), message: `team ${t.team} does not exist: add it under teams` });
        if (t.schedule !== undefined && !schedules.has(nameKey(t.schedule)))
          issues.push({
            path: at('schedule'),
            message: `schedule "${t.schedule}" does not exist: add it under schedules`,
          });
        if (t.channel !== undefined && !channels.has(nameKey(t.channel)))
          issues.push({ path: at('channel'), message: `channel "${t.channel}" does not exist: add it under channels` });
      }),
    );
  });
  return issues;
}

function policyChange(env: PlanEnv, existing: Policy | undefined, item: ParsedPolicy): PlannedChange | undefined {
  if (!existing) {
    return {
      kind: 'escalation_policy',
      action: 'create',
      key: nameKey(item.name),
      line: `+ escalation policy "${item.name}" (${item.levels.length} level${item.levels.length === 1 ? '' : 's'})`,
      run: async (ctx) => {
        await createPolicy(ctx, {
          name: item.name,
          description: item.description ?? '',
          teamId: (await teamIdOf(ctx, item.team)) ?? null,
          repeatCount: item.repeatCount,
          levels: await resolveLevels(ctx, item.levels),
        });
      },
    };
  }
  const diffs: string[] = [];
  const changed = { name: false, description: false, team: false, repeatCount: false, levels: false };
  if (existing.name !== item.name) {
    changed.name = true;
    diffs.push(`name "${existing.name}" → "${item.name}"`);
  }
  if (item.description !== undefined && existing.description !== item.description) {
    changed.description = true;
    diffs.push('description changed');
  }
  if (item.team !== undefined && (existing.team?.slug ?? null) !== item.team) {
    changed.team = true;
    diffs.push(`team ${existing.team?.slug ?? 'none'} → ${item.team ?? 'none'}`);
  }
  if (existing.repeatCount !== item.repeatCount) {
    changed.repeatCount = true;
    diffs.push(`repeat ${existing.repeatCount} → ${item.repeatCount}`);
  }
  if (!sameJson(normalLevels(describeLevels(existing, env)), normalLevels(item.levels))) {
    changed.levels = true;
    diffs.push('levels changed');
  }
  if (diffs.length === 0) return undefined;
  return {
    kind: 'escalation_policy',
    action: 'update',
    key: nameKey(item.name),
    line: `~ escalation policy "${existing.name}": ${diffs.join(', ')}`,
    run: async (ctx) => {
      const patch: UpdatePolicyInput = {};
      if (changed.name) patch.name = item.name;
      if (changed.description) patch.description = item.description;
      if (changed.team) patch.teamId = (await teamIdOf(ctx, item.team)) ?? null;
      if (changed.repeatCount) patch.repeatCount = item.repeatCount;
      if (changed.levels) patch.levels = await resolveLevels(ctx, item.levels);
      await updatePolicy(ctx, existing.id, patch);
    },
  };
}

export const policiesConfig: ConfigResource<ConfigPolicy, PoliciesState, 'escalationPolicies'> = {
  key: 'escalationPolicies',
  itemSchema: ConfigPolicySchema as unknown as z.ZodType<ConfigPolicy>,

  identify: (item) => ({ field: 'name', value: nameKey(item.name) }),

  async load(ctx) {
    return { byName: new Map((await listPolicies(ctx)).map((p) => [nameKey(p.name), p])) };
  },

  plan(env) {
    const desired = env.desired(policiesConfig) as ParsedPolicy[] | undefined;
    if (!desired) return [];
    const issues = referenceIssues(env, desired);
    if (issues.length > 0) throw invalidDocument(issues);
    const { byName } = env.current(policiesConfig);
    const changes: PlannedChange[] = [];
    for (const item of [...desired].sort(byText((p) => nameKey(p.name)))) {
      const change = policyChange(env, byName.get(nameKey(item.name)), item);
      if (change) changes.push(change);
    }
    if (env.prune) {
      const kept = new Set(desired.map((p) => nameKey(p.name)));
      for (const [key, policy] of [...byName].sort(byText(([k]) => k))) {
        if (kept.has(key)) continue;
        changes.push({
          kind: 'escalation_policy',
          action: 'delete',
          key,
          line: `- escalation policy "${policy.name}" (not in the file)`,
          run: async (ctx) => {
            await deletePolicy(ctx, policy.id);
          },
        });
      }
    }
    return changes;
  },

  export(view) {
    return [...view.current(policiesConfig).byName].sort(byText(([key]) => key)).map(([, policy]) => ({
      name: policy.name,
      ...(policy.description !== '' && { description: policy.description }),
      ...(policy.team && { team: policy.team.slug }),
      ...(policy.repeatCount !== 0 && { repeatCount: policy.repeatCount }),
      levels: describeLevels(policy, view),
    }));
  },
};
