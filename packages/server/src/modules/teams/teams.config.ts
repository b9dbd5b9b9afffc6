/**
 * Teams in config as code: `teams: [{ slug, name, description?, members? }]`,
 * matched by slug. When a team lists `members`, that list is the whole
 * membership: people missing from it leave the team (prune or not). When it
 * leaves `members` out, membership is not managed. With prune, teams the file
 * leaves out are deleted. Members name users by email; memberships of users
 * who stay disabled are neither listed nor touched.
 */
import { z } from 'zod';
import { notFound } from '../../lib/errors.js';
import {
  byText,
  configObject,
  duplicateIssues,
  formatPath,
  invalidDocument,
  type ConfigResource,
  type DocumentIssue,
  type PlanEnv,
  type PlannedChange,
} from '../config-kit/index.js';
import type { Ctx } from '../context.js';
import { emailKey, findUserByEmail, projectUsers, usersConfig, type UsersAfterApply } from '../users/index.js';
import { SlugSchema, type Team, type UpdateTeamInput } from './teams.schema.js';
import { createTeam, deleteTeam, listTeams, removeMembership, setMembership, updateTeam } from './teams.service.js';

type TeamRole = 'member' | 'manager';

const ConfigMemberSchema = configObject({
  email: z.email().max(320),
  role: z.enum(['member', 'manager']).default('member'),
});

export const ConfigTeamSchema = configObject({
  slug: SlugSchema,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional().describe('left as it is when omitted'),
  members: z
    .array(ConfigMemberSchema)
    .superRefine((members, ctx) => {
      for (const issue of duplicateIssues(members, (m) => ({ field: 'email', value: emailKey(m.email) })))
        ctx.addIssue({ code: 'custom', ...issue });
    })
    .optional()
    .describe('the whole membership; left as it is when omitted'),
});
export type ConfigTeam = z.infer<typeof ConfigTeamSchema>;

export interface TeamsState {
  bySlug: Map<string, Team>;
}

async function requireUserId(ctx: Ctx, email: string): Promise<string> {
  const user = await findUserByEmail(ctx, email);
  if (!user) throw notFound('User', email);
  return user.id;
}

/** Every member must be a user who is active once the plan is applied. */
function unknownMemberIssues(desired: ConfigTeam[], after: UsersAfterApply, prune: boolean): DocumentIssue[] {
  return desired.flatMap((team, t) =>
    (team.members ?? []).flatMap((member, m) =>
      after.active.has(emailKey(member.email))
        ? []
        : [
            {
              path: formatPath(['teams', t, 'members', m, 'email']),
              message: `${member.email} is not an active user${prune ? ' (or --prune disables them)' : ''}: add them under users`,
            },
          ],
    ),
  );
}

function teamChange(existing: Team | undefined, team: ConfigTeam): PlannedChange | undefined {
  if (!existing) {
    return {
      kind: 'team',
      action: 'create',
      key: team.slug,
      line: `+ team ${team.slug} "${team.name}"`,
      run: async (ctx) => {
        await createTeam(ctx, { slug: team.slug, name: team.name, description: team.description ?? '' });
      },
    };
  }
  const patch: UpdateTeamInput = {};
  const diffs: string[] = [];
  if (existing.name !== team.name) {
    patch.name = team.name;
    diffs.push(`name "${existing.name}" → "${team.name}"`);
  }
  if (team.description !== undefined && existing.description !== team.description) {
    patch.description = team.description;
    diffs.push('description changed');
  }
  if (diffs.length === 0) return undefined;
  return {
    kind: 'team',
    action: 'update',
    key: team.slug,
    line: `~ team ${team.slug}: ${diffs.join(', ')}`,
    run: async (ctx) => {
      await updateTeam(ctx, team.slug, patch);
    },
  };
}

function membershipChanges(existing: Team | undefined, team: ConfigTeam, after: UsersAfterApply): PlannedChange[] {
  const slug = team.slug;
  const current = new Map(
    (existing?.members ?? []).filter((m) => after.active.has(emailKey(m.email))).map((m) => [emailKey(m.email), m]),
  );
  const wanted = new Map((team.members ?? []).map((m) => [emailKey(m.email), m]));
  const set = (action: 'create' | 'update', email: string, role: TeamRole, line: string): PlannedChange => ({
    kind: 'membership',
    action,
    key: `${slug}/${emailKey(email)}`,
    line,
    run: async (ctx) => {
      await setMembership(ctx, slug, await requireUserId(ctx, email), role);
    },
  });
  const changes: PlannedChange[] = [];
  for (const [key, member] of [...wanted].sort(byText(([k]) => k))) {
    const now = current.get(key);
    if (!now)
      changes.push(set('create', member.email, member.role, `+ member ${member.email} to ${slug} (${member.role})`));
    else if (now.role !== member.role) {
      changes.push(
        set('update', member.email, member.role, `~ member ${now.email} in ${slug}: ${now.role} → ${member.role}`),
      );
    }
  }
  for (const [key, member] of [...current].sort(byText(([k]) => k))) {
    if (wanted.has(key)) continue;
    changes.push({
      kind: 'membership',
      action: 'delete',
      key: `${slug}/${key}`,
      line: `- member ${member.email} from ${slug}`,
      run: async (ctx) => {
        await removeMembership(ctx, slug, member.userId);
      },
    });
  }
  return changes;
}

function deleteChange(team: Team): PlannedChange {
  return {
    kind: 'team',
    action: 'delete',
    key: team.slug,
    line: `- team ${team.slug} "${team.name}" (not in the file)`,
    run: async (ctx) => {
      await deleteTeam(ctx, team.slug);
    },
  };
}

export const teamsConfig: ConfigResource<ConfigTeam, TeamsState, 'teams'> = {
  key: 'teams',
  itemSchema: ConfigTeamSchema,

  identify: (item) => ({ field: 'slug', value: item.slug }),

  async load(ctx) {
    const teams = await listTeams(ctx);
    return { bySlug: new Map(teams.map((t) => [t.slug, t])) };
  },

  plan(env: PlanEnv) {
    const desired = env.desired(teamsConfig);
    if (!desired) return [];
    const { bySlug } = env.current(teamsConfig);
    const after = projectUsers(env);
    const issues = unknownMemberIssues(desired, after, env.prune);
    if (issues.length > 0) throw invalidDocument(issues);
    const changes: PlannedChange[] = [];
    for (const team of [...desired].sort(byText((t) => t.slug))) {
      const existing = bySlug.get(team.slug);
      const change = teamChange(existing, team);
      if (change) changes.push(change);
      if (team.members) changes.push(...membershipChanges(existing, team, after));
    }
    if (env.prune) {
      const kept = new Set(desired.map((t) => t.slug));
      for (const team of [...bySlug.values()].sort(byText((t) => t.slug)))
        if (!kept.has(team.slug)) changes.push(deleteChange(team));
    }
    return changes;
  },

  export(view) {
    const users = view.current(usersConfig).byEmail;
    const isActive = (email: string) => users.get(emailKey(email))?.isDisabled === false;
    return [...view.current(teamsConfig).bySlug.values()].sort(byText((t) => t.slug)).map((team) => ({
      slug: team.slug,
      name: team.name,
      ...(team.description !== '' && { description: team.description }),
      members: team.members
        .filter((m) => isActive(m.email))
        .sort(byText((m) => emailKey(m.email)))
        .map((m) => ({ email: m.email, role: m.role })),
    }));
  },
};
